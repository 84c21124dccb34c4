#!/usr/bin/env python3
"""High-precision oracle for the vMF log-normaliser and mean resultant length.

Writes src/test/resources/golden/vmf_log_normaliser.csv with columns
D, kappa, logC, A_D where, for nu = D/2 - 1,
    log C_D(kappa) = nu log kappa - (D/2) log(2 pi) - log I_nu(kappa)
    A_D(kappa)     = I_{D/2}(kappa) / I_{D/2-1}(kappa)
evaluated with mpmath at 50 significant digits and printed with 32.
kappa = 0 uses the closed forms lnGamma(D/2) - ln 2 - (D/2) ln pi and A = 0.

Run (its own venv, never the CI one):
    python3 -m venv .cache/oracle-venv && .cache/oracle-venv/bin/pip install mpmath
    .cache/oracle-venv/bin/python src/test/python/oracles/vmf_oracle.py
"""
import os

import mpmath as mp

mp.mp.dps = 50
DIMS = [2, 3, 4, 8, 16, 64, 128, 512, 2048, 4096]
# The log grid 1e-3..1e5 (6 points per decade), the branch switch at 60 and the docs/method.md §5 oracle points.
GRID = sorted(
    set([mp.mpf(10) ** (mp.mpf(k) / 6 - 3) for k in range(0, 49)]
        + [mp.mpf(x) for x in ("1", "9", "10", "18", "22", "50", "59.99", "60", "60.01", "100", "200")])
)
# A second file probes the series/asymptotic switch at kappa = 60 for dimensions between the
# issue's grid points, where the Debye expansion's parameter p = nu/sqrt(nu^2 + kappa^2) is mid-range.
SWITCH_DIMS = [5, 6, 12, 32, 48, 52, 96, 200, 256, 1024]
SWITCH_GRID = [mp.mpf(x) for x in ("59.9", "60.01", "61", "63", "66", "70", "80", "100", "130", "200", "400", "1000")]
GOLDEN = os.path.join(os.path.dirname(__file__), "..", "..", "resources", "golden")


def bessel_i(nu, kappa):
    """I_nu(kappa) by mpmath's (all-positive, hence cancellation-free) hypergeometric series."""
    return mp.besseli(nu, kappa, maxterms=10**7)


def log_c(d, kappa):
    nu = mp.mpf(d) / 2 - 1
    if kappa == 0:
        return mp.loggamma(mp.mpf(d) / 2) - mp.log(2) - (mp.mpf(d) / 2) * mp.log(mp.pi)
    return nu * mp.log(kappa) - (mp.mpf(d) / 2) * mp.log(2 * mp.pi) - mp.log(bessel_i(nu, kappa))


def mean_resultant_length(d, kappa):
    if kappa == 0:
        return mp.mpf(0)
    nu = mp.mpf(d) / 2 - 1
    return bessel_i(nu + 1, kappa) / bessel_i(nu, kappa)


def write(name, dims, grid):
    rows = ["D,kappa,logC,A_D"]
    for d in dims:
        for kappa in grid:
            rows.append(",".join([str(d), mp.nstr(kappa, 32), mp.nstr(log_c(d, kappa), 32),
                                  mp.nstr(mean_resultant_length(d, kappa), 32)]))
    with open(os.path.join(GOLDEN, name), "w") as f:
        f.write("\n".join(rows) + "\n")


def main():
    write("vmf_log_normaliser.csv", DIMS, [mp.mpf(0)] + GRID)
    write("vmf_log_normaliser_switch.csv", SWITCH_DIMS, SWITCH_GRID)


if __name__ == "__main__":
    main()
