"""Golden values of the temperature-scaled kNN vote, written out in numpy alone.

For every peer set without tied similarities (gauss-dups is skipped: among exact duplicates the
neighbour order, hence the top label, is a tie-break), writes soft_vote.json beside golden.json:

  - soft_vote_temperature: the tau on the grid 10^(-4 + j/20), j = 0..140, that minimises the mean
    binary cross-entropy between c_q(tau) and 1[nearest neighbour has the query's label] over the
    evaluated queries (R_q > 0), where c_q(tau) is the mass of the nearest neighbour's label among
    the VOTE_K nearest neighbours weighted by exp((s_i - s_1) / tau), c clipped to [1e-7, 1 - 1e-7]
    inside the log (smallest tau on ties);
  - auroc_soft_vote: scikit-learn-free AUROC (Mann-Whitney U with midranks) of the two-fold
    cross-fitted c_q: evaluated queries at even positions use the tau fitted on the odd ones and
    the other way round;
  - ece_soft_vote: ECE of the cross-fitted c_q against R@1 correctness, 15 equal-width (lo, hi]
    bins.

Cosine similarity on L2-normalised float32 embeddings, computed in float32 as pdml stores it.
Usage: python soft_vote_golden.py [set folders]   (default: every set under the peer goldens)
Needs numpy only.
"""

import json
import pathlib
import sys

import numpy as np

from calibration_bins import ece

GOLDEN = pathlib.Path(__file__).resolve().parents[2] / "resources/golden/peer"
VOTE_K = 10
BINS = 15
TAUS = 10.0 ** (-4 + np.arange(141) / 20)
EPS = 1e-7


def confidences(labels, scores, tau):
    w = np.exp((scores.astype(np.float64) - scores[:, :1].astype(np.float64)) / tau)
    same = labels == labels[:, :1]
    return (w * same).sum(axis=1) / w.sum(axis=1)


def fit(labels, scores, correct):
    best, best_loss = None, np.inf
    for tau in TAUS:
        c = np.clip(confidences(labels, scores, tau), EPS, 1 - EPS)
        loss = -np.where(correct, np.log(c), np.log1p(-c)).sum()
        if loss < best_loss:
            best, best_loss = tau, loss
    return best


def auroc(score, positive):
    order = np.argsort(score, kind="mergesort")
    s = score[order]
    ranks = np.empty(len(s))
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[i : j + 1] = (i + j) / 2 + 1
        i = j + 1
    r = np.empty(len(s))
    r[order] = ranks
    n_pos, n_neg = positive.sum(), (~positive).sum()
    return float((r[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def score(folder):
    z = np.load(folder / "embeddings.npy").astype(np.float32)
    y = np.load(folder / "labels.npy")
    zn = z / np.maximum(np.linalg.norm(z, axis=1, keepdims=True), 1e-12)
    roles_path = folder / "roles.npy"
    if roles_path.exists():
        roles = np.load(roles_path)
        q, g = np.flatnonzero(roles == 1), np.flatnonzero(roles == 2)
        same = False
    else:
        q = g = np.arange(len(z))
        same = True
    sim = zn[q] @ zn[g].T
    if same:
        np.fill_diagonal(sim, -np.inf)
    idx = np.argsort(-sim, axis=1, kind="stable")[:, :VOTE_K]
    scores = np.take_along_axis(sim, idx, axis=1)
    labels = y[g][idx]
    counts = {c: n for c, n in zip(*np.unique(y[g], return_counts=True))}
    r = np.array([counts.get(c, 0) - (1 if same else 0) for c in y[q]])
    ev = np.flatnonzero(r > 0)
    correct = labels[:, 0] == y[q]
    tau_all = fit(labels[ev], scores[ev], correct[ev])
    c = np.empty(len(ev))
    for f in (0, 1):
        train = ev[1 - f :: 2]
        tau = fit(labels[train], scores[train], correct[train])
        c[f::2] = confidences(labels[ev[f::2]], scores[ev[f::2]], tau)
    out = {
        "vote_k": VOTE_K,
        "soft_vote_temperature": float(tau_all),
        "auroc_soft_vote": auroc(c, correct[ev]),
        "ece_soft_vote": ece(c, correct[ev].astype(float), BINS),
    }
    (folder / "soft_vote.json").write_text(json.dumps(out, indent=2, sort_keys=True) + "\n")
    print(folder.name, json.dumps(out, sort_keys=True))


def main():
    folders = [pathlib.Path(a) for a in sys.argv[1:]] or sorted(
        p for p in GOLDEN.iterdir() if (p / "golden.json").exists() and p.name != "gauss-dups"
    )
    for folder in folders:
        score(folder)


if __name__ == "__main__":
    main()
