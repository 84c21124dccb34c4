"""EL-nivMF loss forward+backward in PyTorch on CPU, in three forms written by us from docs/method.md
§1.2-§1.5 (not copied from the reference):

- `torch-vectorised`: the whole batch at once, log p in float64 (pdml's numerics);
- `torch-vectorised-blocked`: the same over blocks of proxy rows, as pdml computes it;
- `python-loop`: one image at a time, log p in float64, with the proxy terms computed once per
  batch and the scores as one [S, D] x [D, C] product per image: a per-image loop, but already
  optimised beyond the reference;
- `python-loop-ref-style`: one image at a time, structured as the reference's per-image
  `log_ppk_vmf_vec` (proxy terms recomputed per image, samples and proxies expanded to [S*C, D],
  elementwise cosine similarity, float32 throughout as in the reference).

Loss: L_NCA over s_ic = log mean_s exp(log p_c(x_is)/T), x_is ~ vMF(z_i/|z_i|, |z_i|) by Wood's
sampler with exact b and pathwise gradients; unstretched nivMF with the paper's quadratic
normaliser (`paper-approx`, the only one cheap to write in torch). B=64, S=5, T=0.003.
Prints CSV rows impl,normaliser,D,C,median_ms,median_cpu_ms,warmup_steps (wall and process CPU
time per step). Usage: torch_bench.py [reps] [ref-style reps, 0 to skip]. Run by bench/loss/run.sh.
"""
import math
import statistics
import sys
import time

import torch

B, S = 64, 5


def log_c_fit(k, dim):
    if dim == 128:
        return 127.0 - 0.01909 * k - 0.003355 * k * k
    return 868.0 - 0.0002662 * k - 0.0009685 * k * k


def wood_w(kappa, dim, n):
    """w = mu^T x for n samples per kappa (kappa [R]) -> [R, n], exact b, rejection, pathwise."""
    m1 = dim - 1.0
    k = kappa.unsqueeze(1).expand(-1, n)
    c = torch.sqrt(4 * k * k + m1 * m1)
    b = m1 / (2 * k + c)
    a = (m1 + 2 * k + c) / 4
    d = 4 * a * b / (1 + b) - m1 * math.log(m1)
    w = torch.zeros_like(k)
    todo = torch.ones_like(k, dtype=torch.bool)
    beta = torch.distributions.Beta(m1 / 2, m1 / 2)
    while bool(todo.any()):
        e = beta.sample(k.shape).to(k)  # k's dtype and device
        u = torch.rand_like(k).clamp(1e-20, 1 - 1e-20)
        denom = 1 - (1 - b) * e
        w_new = (1 - (1 + b) * e) / denom
        t = 2 * a * b / denom
        accept = (m1 * torch.log(t) - t + d > torch.log(u)) & todo
        w = torch.where(accept, w_new, w)
        todo = todo & ~accept
    return w


def wood_sample(mu, kappa, n):
    """x ~ vMF(mu [R, D], kappa [R]) -> [R, n, D]."""
    dim = mu.shape[1]
    w = wood_w(kappa, dim, n)
    v = torch.randn(mu.shape[0], n, dim - 1, dtype=mu.dtype, device=mu.device)
    v = v / v.norm(dim=2, keepdim=True)
    sin = torch.sqrt(torch.clamp(1 - w * w, min=1e-7))
    x = torch.cat([w.unsqueeze(2), sin.unsqueeze(2) * v], dim=2)
    e1 = torch.zeros_like(mu)
    e1[:, 0] = 1
    u = e1 - mu
    u = u / torch.clamp(u.norm(dim=1, keepdim=True), min=1e-7)
    return x - 2 * (x * u.unsqueeze(1)).sum(2, keepdim=True) * u.unsqueeze(1)


def proxy_terms(v, kappa):
    mu = torch.nn.functional.normalize(v.double(), dim=1)
    k = kappa.double().clamp(min=0.1)
    k_mu = k * mu
    n = k_mu.norm(dim=1)
    const = log_c_fit(n, v.shape[1]) + k.log().sum(1) - n.log()
    return k_mu, const


def loss_vectorised(z, v, kappa, t, y):
    z64 = z.double()
    norm = z64.norm(dim=1)
    x = wood_sample(z64 / norm.unsqueeze(1), norm, S)  # [B, S, D]
    k_mu, const = proxy_terms(v, kappa)
    log_p = (x.reshape(-1, x.shape[2]) @ k_mu.T + const).reshape(B, S, -1)
    shift = log_p.amax(dim=(1, 2), keepdim=True).detach()
    s = torch.logsumexp((log_p - shift) / t.double(), dim=1) - math.log(S)
    return torch.nn.functional.cross_entropy(s, y)


# Proxy rows per block in loss_vectorised_blocked: float64 [rows, D] blocks of at most 16 MiB, as
# pdml's NivmfLogScore uses (glibc maps blocks over 32 MiB afresh, with page faults, on every use).
BLOCK_BYTES = 16 << 20


def loss_vectorised_blocked(z, v, kappa, t, y):
    """loss_vectorised with the proxy terms and scores computed over blocks of proxy rows."""
    z64 = z.double()
    norm = z64.norm(dim=1)
    x = wood_sample(z64 / norm.unsqueeze(1), norm, S)  # [B, S, D]
    flat = x.reshape(-1, x.shape[2])
    rows = max(1, BLOCK_BYTES // (8 * v.shape[1]))
    parts = []
    for v_block, kappa_block in zip(torch.split(v, rows), torch.split(kappa, rows)):
        k_mu, const = proxy_terms(v_block, kappa_block)
        parts.append(flat @ k_mu.T + const)
    log_p = torch.cat(parts, 1).reshape(B, S, -1)
    shift = log_p.amax(dim=(1, 2), keepdim=True).detach()
    s = torch.logsumexp((log_p - shift) / t.double(), dim=1) - math.log(S)
    return torch.nn.functional.cross_entropy(s, y)


def loss_loop(z, v, kappa, t, y):
    k_mu, const = proxy_terms(v, kappa)
    rows = []
    for i in range(z.shape[0]):  # one image at a time, as the reference
        zi = z[i : i + 1].double()
        norm = zi.norm(dim=1)
        x = wood_sample(zi / norm.unsqueeze(1), norm, S)[0]  # [S, D]
        log_p = x @ k_mu.T + const  # [S, C]
        shift = log_p.max().detach()
        rows.append(torch.logsumexp((log_p - shift) / t.double(), dim=0) - math.log(S))
    s = torch.stack(rows)
    return torch.nn.functional.cross_entropy(s, y)


def ref_style_row(zi, v, kappa, t):
    """One image's s_i. [C], structured as the reference's per-image `log_ppk_vmf_vec`
    (criteria/proxyvmf_panc.py calls it once per image): the proxy terms (normalise, K mu, norms,
    normaliser, log-det) are recomputed for every image, the S samples and the C proxies are
    expanded to [S*C, D] and compared by an elementwise cosine similarity, and everything runs in
    float32, the reference's dtype."""
    norm = zi.norm(dim=1)
    x = wood_sample(zi / norm.unsqueeze(1), norm, S)[0]  # [S, D]
    classes, dim = v.shape
    mu2 = torch.nn.functional.normalize(v, dim=1)
    k = torch.maximum(kappa, torch.full((1,), 0.1))
    mu2 = mu2 * k
    n = mu2.norm(dim=1)
    xs = x.unsqueeze(1).expand(S, classes, dim).reshape(-1, dim)
    m2 = mu2.unsqueeze(0).expand(S, -1, -1).reshape(-1, dim)
    cos = torch.nn.functional.cosine_similarity(xs, m2).reshape(S, classes)
    log_l = (log_c_fit(n, dim) + n * cos + k.log().sum(1) - n.log()) / t
    return torch.logsumexp(log_l - math.log(S), dim=0)


class RefStyleLoss:
    """The reference-style loop's forward and backward in one call (see `step`). The reference
    calls backward once for the batch; here each image's term of L_NCA (which depends on no other
    image) is back-propagated as soon as it is built. Same operations and gradients, but one
    image's [S*C, D] intermediates in memory instead of B of them: at C = 11318 the batch graph
    needs tens of GB and the OS kills the process on this 24 GB machine."""

    fused_backward = True

    @staticmethod
    def __call__(z, v, kappa, t, y):
        total = 0.0
        for i in range(z.shape[0]):
            s = ref_style_row(z[i : i + 1], v, kappa, t)
            term = (torch.logsumexp(s, dim=0) - s[y[i]]) / z.shape[0]
            term.backward()
            total += float(term)
        return total


loss_ref_style = RefStyleLoss()


def step(fn, z, v, kappa, t, y):
    if getattr(fn, "fused_backward", False):
        fn(z, v, kappa, t, y)
    else:
        fn(z, v, kappa, t, y).backward()


# Untimed steps before the timed ones, at least this long and at least 2 steps: the same warm-up
# as LossBench.java (which needs it for the JVM's JIT; torch does not, but gets the same).
WARMUP_SECONDS = 3.0


def median_ms(fn, dim, classes, reps, min_warm=2):
    torch.manual_seed(0)
    z = (torch.randn(B, dim) * 18 / math.sqrt(dim)).requires_grad_()
    v = torch.randn(classes, dim).requires_grad_()
    kappa = (10 + 20 * torch.rand(classes, dim)).requires_grad_()
    t = torch.tensor([0.003]).requires_grad_()
    y = (torch.arange(B) // 2) % classes
    times, cpu = [], []
    warm, warm_until = 0, time.perf_counter() + WARMUP_SECONDS
    while warm < min_warm or time.perf_counter() < warm_until:
        step(fn, z, v, kappa, t, y)
        for p in (z, v, kappa, t):
            p.grad = None
        warm += 1
    for _ in range(reps):
        start, cpu_start = time.perf_counter(), time.process_time()
        step(fn, z, v, kappa, t, y)
        times.append((time.perf_counter() - start) * 1e3)
        cpu.append((time.process_time() - cpu_start) * 1e3)
        for p in (z, v, kappa, t):
            p.grad = None
    return statistics.median(times), statistics.median(cpu), warm


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    ref_reps = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    torch.set_num_threads(2)
    print("impl,normaliser,D,C,median_ms,median_cpu_ms,warmup_steps")
    for dim in (128, 512):
        for classes in (100, 1000, 11318):
            impls = (
                ("torch-vectorised", loss_vectorised),
                ("torch-vectorised-blocked", loss_vectorised_blocked),
                ("python-loop", loss_loop),
            )
            for name, fn in impls:
                ms, cpu, warm = median_ms(fn, dim, classes, reps)
                print(f"{name},PAPER_APPROX,{dim},{classes},{ms:.2f},{cpu:.2f},{warm}", flush=True)
            if ref_reps > 0:
                # seconds per step at large C: one warm-up step (no JIT to warm) and fewer reps
                name, fn = "python-loop-ref-style", loss_ref_style
                ms, cpu, warm = median_ms(fn, dim, classes, ref_reps, min_warm=1)
                print(f"{name},PAPER_APPROX,{dim},{classes},{ms:.2f},{cpu:.2f},{warm}", flush=True)


if __name__ == "__main__":
    main()
