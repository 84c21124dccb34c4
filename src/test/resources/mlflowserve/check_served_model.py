"""Compares a registered pdml model, as MLflow's tools run it, with `pdml embed`.

argv: model_uri (models:/<name>@<alias>), images_dir, pdml_embeddings.npy, serve_port.
The tracking server comes from MLFLOW_TRACKING_URI; torch from the torch venv that the caller
appends to sys.path (sitecustomize). Prints one line 'SERVED <json>' with, for
mlflow.pyfunc.load_model(model_uri) and for one POST /invocations to the served model on
127.0.0.1:<serve_port>, the largest |embedding - pdml's| and |kappa - |pdml's||.
"""
import json
import os
import sys
import urllib.request

import mlflow.pyfunc
import numpy as np
from PIL import Image

model_uri, images_dir, embeddings, port = sys.argv[1:5]
names = sorted(os.listdir(images_dir))
images = np.stack([np.asarray(Image.open(os.path.join(images_dir, n)).convert("RGB"))
                   for n in names])
want = np.load(embeddings)
want_kappa = np.linalg.norm(want, axis=1)


def diffs(embedding, kappa):
    embedding = np.asarray(embedding, dtype=np.float64)
    kappa = np.asarray(kappa, dtype=np.float64)
    if embedding.shape != want.shape or kappa.shape != want_kappa.shape:
        raise SystemExit(f"shapes {embedding.shape}, {kappa.shape}; want {want.shape}")
    return float(np.abs(embedding - want).max()), float(np.abs(kappa - want_kappa).max())


local = mlflow.pyfunc.load_model(model_uri).predict(images)
request = urllib.request.Request(
    f"http://127.0.0.1:{port}/invocations",
    data=json.dumps({"inputs": images.tolist()}).encode("utf-8"),
    headers={"Content-Type": "application/json"},
)
with urllib.request.urlopen(request, timeout=120) as resp:
    served = json.load(resp)["predictions"]
out = {"names": names, "served_keys": sorted(served)}
out["load_model_dz"], out["load_model_dkappa"] = diffs(local["embedding"], local["kappa"])
out["served_dz"], out["served_dkappa"] = diffs(served["embedding"], served["kappa"])
print("SERVED " + json.dumps(out))
