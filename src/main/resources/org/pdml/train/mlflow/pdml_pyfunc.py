"""MLflow python_function loader for a pdml model folder (written by pdml's ModelExport).

The folder is the MLflow Model: MLmodel names this module as the loader and the folder itself as
its data. predict() takes a batch of 8-bit RGB images, uint8 [N, H, W, 3] (one size per batch;
call it once per size otherwise), applies the evaluation transform stated in model_card.json
under "preprocessing" (docs/usage.md section 4: the same arithmetic as `pdml embed`), runs the
TorchScript embedder and returns
  embedding  float32 [N, D]   z
  direction  float32 [N, D]   z / |z|
  kappa      float32 [N]      |z|, the image vMF's concentration
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F


def _preprocess(images, p):
    """uint8 [N, H, W, 3] -> float32 [N, 3, S, S], torchvision's Resize(antialias) + CenterCrop."""
    x = torch.from_numpy(np.ascontiguousarray(images)).permute(0, 3, 1, 2).float() / p["divide_by"]
    h, w = x.shape[-2:]
    r, s = p["resize"], p["center_crop"]
    longer = int(r * max(w, h) / min(w, h))
    size = (longer, r) if w <= h else (r, longer)
    x = F.interpolate(x, size=size, mode="bilinear", align_corners=False, antialias=True)
    top, left = int(round((size[0] - s) / 2.0)), int(round((size[1] - s) / 2.0))
    x = x[:, :, top:top + s, left:left + s]
    mean = torch.tensor(p["mean"], dtype=torch.float32).view(1, 3, 1, 1)
    std = torch.tensor(p["std"], dtype=torch.float32).view(1, 3, 1, 1)
    return (x - mean) / std


class PdmlEmbedder:
    """Images -> (embedding, direction, kappa), as `pdml embed` computes them."""

    def __init__(self, folder):
        with open(os.path.join(folder, "model_card.json"), encoding="utf-8") as f:
            self.preprocessing = json.load(f)["preprocessing"]
        single = os.path.join(folder, "embedder.pt")
        if os.path.exists(single):
            self.parts = [torch.jit.load(single, map_location="cpu").eval()]
        else:  # an imported TorchScript backbone: backbone.pt, then head.pt
            self.parts = [torch.jit.load(os.path.join(folder, n), map_location="cpu").eval()
                          for n in ("backbone.pt", "head.pt")]

    def predict(self, model_input, params=None):
        images = np.asarray(model_input)
        if images.dtype != np.uint8 or images.ndim != 4 or images.shape[-1] != 3:
            raise ValueError("expected uint8 images [N, H, W, 3], got %s %s"
                             % (images.dtype, images.shape))
        with torch.no_grad():
            z = _preprocess(images, self.preprocessing)
            for part in self.parts:
                z = part(z)
        kappa = torch.linalg.vector_norm(z, dim=1)
        return {
            "embedding": z.numpy().astype(np.float32),
            "direction": (z / kappa[:, None]).numpy().astype(np.float32),
            "kappa": kappa.numpy().astype(np.float32),
        }


def _load_pyfunc(data_path):
    return PdmlEmbedder(data_path)
