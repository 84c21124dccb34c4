"""Reads runs and registry aliases back with MLflow's own Python client and prints JSON.

Used by the Java integration tests as the independent oracle for what pdml logged.
The tracking URI comes from MLFLOW_TRACKING_URI.

  read_mlflow.py runs <run_id>...      -> {run_id: {run_id, status, experiment_id, params, tags,
                                          metrics: {key: [[step, value, timestamp], ...]}, inputs: [dataset input],
                                          outputs: [model_id of each model output],
                                          artifacts: {path: base64}, children: [run_id, ...]}}
  read_mlflow.py byname <experiment> <run_name> -> the run with that name, as above, or null
  read_mlflow.py bynames <experiment> <run_name>... -> {run_name: run or null}
  read_mlflow.py logged <run_id>      -> the MLflow 3 logged models whose source run is <run_id>
                                          (logged-models/search), as [{model_id, name, status,
                                          source_run_id, artifacts: {path: base64}}]
  read_mlflow.py alias <model> <alias> -> {"version", "run_id", "source"}, each a str or null
  read_mlflow.py experiment <name>     -> the experiment's id, or null
  read_mlflow.py search <experiment> <filter_string> -> the runs mlflow.search_runs finds, as
                                          [{run_id, run_name, loss}], loss = params.loss.name
"""
import base64
import json
import os
import sys
import tempfile

from mlflow import MlflowClient
from mlflow.exceptions import MlflowException


def artifacts(client, run_id, path=None):
    out = {}
    for info in client.list_artifacts(run_id, path):
        if info.is_dir:
            out.update(artifacts(client, run_id, info.path))
        else:
            with tempfile.TemporaryDirectory() as tmp:
                local = client.download_artifacts(run_id, info.path, tmp)
                with open(local, "rb") as f:
                    out[info.path] = base64.b64encode(f.read()).decode("ascii")
    return out


def read_run(client, run_id):
    run = client.get_run(run_id)
    metrics = {}
    for key in run.data.metrics:
        history = client.get_metric_history(run_id, key)
        metrics[key] = [[m.step, m.value, m.timestamp] for m in history]
    children = client.search_runs(
        [run.info.experiment_id], filter_string=f"tags.mlflow.parentRunId = '{run_id}'"
    )
    return {
        "run_id": run_id,
        "status": run.info.status,
        "experiment_id": run.info.experiment_id,
        "params": run.data.params,
        "tags": run.data.tags,
        "metrics": metrics,
        "artifacts": artifacts(client, run_id),
        "children": sorted(c.info.run_id for c in children),
        "inputs": [
            {
                "name": i.dataset.name,
                "digest": i.dataset.digest,
                "source_type": i.dataset.source_type,
                "source": i.dataset.source,
                "schema": i.dataset.schema,
                "profile": i.dataset.profile,
                "tags": {t.key: t.value for t in i.tags},
            }
            for i in (run.inputs.dataset_inputs if run.inputs else [])
        ],
        "outputs": [o.model_id for o in (run.outputs.model_outputs if run.outputs else [])],
    }


def read_logged_models(client, run_id):
    import mlflow

    run = client.get_run(run_id)
    found = client.search_logged_models(
        experiment_ids=[run.info.experiment_id], filter_string=f"source_run_id = '{run_id}'"
    )
    out = []
    for m in found:
        files = {}
        with tempfile.TemporaryDirectory() as tmp:
            # The model's own artifact location: a models:/ download adds registered_model_meta.
            local = mlflow.artifacts.download_artifacts(
                artifact_uri=m.artifact_location, dst_path=tmp
            )
            for root, _, names in os.walk(local):
                for name in names:
                    path = os.path.join(root, name)
                    with open(path, "rb") as f:
                        rel = os.path.relpath(path, local).replace(os.sep, "/")
                        files[rel] = base64.b64encode(f.read()).decode("ascii")
        out.append(
            {
                "model_id": m.model_id,
                "name": m.name,
                "status": str(m.status),
                "source_run_id": m.source_run_id,
                "artifacts": files,
            }
        )
    return out


def read_alias(client, model, alias):
    try:
        mv = client.get_model_version_by_alias(model, alias)
        return {
            "version": mv.version,
            "run_id": mv.run_id,
            "source": mv.source,
        }
    except MlflowException:
        return {"version": None, "run_id": None, "source": None}


def read_by_name(client, experiment, run_name):
    exp = client.get_experiment_by_name(experiment)
    found = client.search_runs(
        [exp.experiment_id], filter_string=f"tags.mlflow.runName = '{run_name}'"
    )
    return read_run(client, found[0].info.run_id) if found else None


def read_experiment(client, name):
    exp = client.get_experiment_by_name(name)
    return exp.experiment_id if exp else None


def search(experiment, filter_string):
    import mlflow

    runs = mlflow.search_runs(experiment_names=[experiment], filter_string=filter_string)
    return [
        {
            "run_id": row["run_id"],
            "run_name": row["tags.mlflow.runName"],
            "loss": row.get("params.loss.name"),
        }
        for _, row in runs.iterrows()
    ]


def main(argv):
    client = MlflowClient(os.environ["MLFLOW_TRACKING_URI"])
    if argv[0] == "runs":
        result = {run_id: read_run(client, run_id) for run_id in argv[1:]}
    elif argv[0] == "byname":
        result = read_by_name(client, argv[1], argv[2])
    elif argv[0] == "bynames":
        result = {name: read_by_name(client, argv[1], name) for name in argv[2:]}
    elif argv[0] == "logged":
        result = read_logged_models(client, argv[1])
    elif argv[0] == "alias":
        result = read_alias(client, argv[1], argv[2])
    elif argv[0] == "experiment":
        result = read_experiment(client, argv[1])
    elif argv[0] == "search":
        result = search(argv[1], argv[2])
    else:
        raise SystemExit(f"unknown command {argv[0]}")
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
