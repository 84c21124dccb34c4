"""PortableEmbeddingsIT's Python side: runs the docs/usage.md snippet (pdml_input, pdml_embed) on
the images `pdml embed` read and compares with what pdml wrote.

argv: snippet.py model_dir work_dir. work_dir holds images/, ids.txt (pdml embed's row order),
embeddings.f32 (pdml's z, [N, D] float32 little-endian) and x<i>.f32 (pdml's input of row i,
[3, S, S]). Prints one line, "PORTABLE {json}", with the largest absolute differences.
"""
import json
import os
import sys

if os.environ.get("PDML_EXTRA_SITE"):
    sys.path.append(os.environ["PDML_EXTRA_SITE"])  # Pillow from another venv, after torch's own

import torch

torch.set_num_threads(1)
snippet, model_dir, work = sys.argv[1:4]
ns = {}
exec(compile(open(snippet).read(), snippet, "exec"), ns)


def raw(name, shape):
    data = bytearray(open(os.path.join(work, name), "rb").read())
    return torch.frombuffer(data, dtype=torch.float32).view(*shape)


ids = open(os.path.join(work, "ids.txt")).read().splitlines()
paths = [os.path.join(work, "images", i) for i in ids]
p = json.load(open(os.path.join(model_dir, "model_card.json")))["preprocessing"]
s = p["center_crop"]
z = ns["pdml_embed"](model_dir, paths)
dz = (z - raw("embeddings.f32", tuple(z.shape))).abs().max(dim=1).values.tolist()
dx = [
    (ns["pdml_input"](f, p) - raw(f"x{i}.f32", (3, s, s))).abs().max().item()
    for i, f in enumerate(paths)
]
print("PORTABLE " + json.dumps({
    "torch": torch.__version__,
    "ids": ids,
    "max_abs_dz": max(dz),
    "max_abs_dx": max(dx),
    "dz": dz,
    "dx": dx,
    "z_norm_min": z.norm(dim=1).min().item(),
}))
