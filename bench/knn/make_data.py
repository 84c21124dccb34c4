"""Benchmark embeddings: N random unit vectors in D = 512 around N/10 class centres (seeded)."""
import pathlib
import sys

import numpy as np

n, out = int(sys.argv[1]), pathlib.Path(sys.argv[2])
rng = np.random.default_rng(n)
d, classes = 512, n // 10
centres = rng.normal(size=(classes, d))
centres /= np.linalg.norm(centres, axis=1, keepdims=True)
labels = rng.integers(0, classes, size=n)
z = centres[labels] + rng.normal(size=(n, d)) * (1.5 / np.sqrt(d))
z /= np.linalg.norm(z, axis=1, keepdims=True)
out.mkdir(parents=True, exist_ok=True)
np.save(out / "embeddings.npy", z.astype("<f4"))
np.save(out / "labels.npy", labels.astype("<i8"))
(out / "ids.txt").write_text("".join(f"{i}\n" for i in range(n)))
