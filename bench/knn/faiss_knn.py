"""faiss-cpu IndexFlatIP exact kNN + R@k, P@1, RP, MAP@R on 2 threads; prints time and memory."""
import json
import pathlib
import resource
import sys
import time

import faiss
import numpy as np


def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024


folder = pathlib.Path(sys.argv[1])
faiss.omp_set_num_threads(2)
z = np.load(folder / "embeddings.npy")
y = np.load(folder / "labels.npy")
base = rss_mb()
t0, c0 = time.perf_counter(), time.process_time()
zn = z / np.maximum(np.linalg.norm(z, axis=1, keepdims=True), 1e-12)
counts = np.bincount(y)
r = counts[y] - 1
k = int(max(8, r.max()))
index = faiss.IndexFlatIP(zn.shape[1])
index.add(zn)
_, idx = index.search(zn, k + 1)
keep = idx != np.arange(len(zn))[:, None]
idx = np.stack([row[m][:k] for row, m in zip(idx, keep)])
rel = y[idx] == y[:, None]
ev = r > 0
metrics = {f"recall@{q}": float(rel[ev, :q].any(1).mean()) for q in (1, 2, 4, 8)}
ranks = np.arange(1, k + 1)
mask = ranks[None, :] <= r[:, None]
prec = np.cumsum(rel, 1) / ranks
metrics["r_precision"] = float(((rel & mask).sum(1)[ev] / r[ev]).mean())
metrics["map@r"] = float(((prec * (rel & mask)).sum(1)[ev] / r[ev]).mean())
seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"tool": "faiss", "n": len(z), "seconds": seconds, "cpu_seconds": cpu,
                  "extra_peak_mb": peak - base, **metrics}))
