"""Reads a pdml model folder with MLflow's own API; prints one line 'MLMODEL <json>'.

argv: model_dir, images_dir (optional), pdml_embeddings.npy (optional), torch_site (optional).
With the last three, also loads the folder with mlflow.pyfunc.load_model (torch from torch_site,
appended to sys.path) and compares its embeddings with pdml embed's.
"""
import json
import sys

from mlflow.models import Model

model_dir = sys.argv[1]
m = Model.load(model_dir)
example = m.load_input_example(model_dir)
out = {
    "flavors": sorted(m.flavors),
    "loader": m.flavors["python_function"]["loader_module"],
    "inputs": m.signature.inputs.to_dict(),
    "outputs": m.signature.outputs.to_dict(),
    "example_shape": list(example.shape),
}
if len(sys.argv) > 4:
    sys.path.append(sys.argv[4])
    import os
    import numpy as np
    import mlflow.pyfunc
    from PIL import Image

    names = sorted(os.listdir(sys.argv[2]))
    images = np.stack([np.asarray(Image.open(os.path.join(sys.argv[2], n)).convert("RGB"))
                       for n in names])
    model = mlflow.pyfunc.load_model(model_dir)
    got = model.predict(images)
    want = np.load(sys.argv[3])
    out["names"] = names
    out["max_abs_dz"] = float(np.abs(got["embedding"] - want).max())
    out["max_abs_dkappa"] = float(np.abs(got["kappa"] - np.linalg.norm(want, axis=1)).max())
    out["example_prediction_shape"] = list(model.predict(example.astype(np.uint8))["embedding"].shape)
print("MLMODEL " + json.dumps(out))
