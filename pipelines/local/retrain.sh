#!/usr/bin/env bash
# Scheduled retraining for a plain cron: the same steps and pdml subcommands as the Argo template
# (pipelines/argo/retrain-template.yaml):
#   pdml fingerprint -> pdml preprocess -> pdml run (train + evaluate) -> pdml promote -> pdml prune.
# Skips when the pipeline fingerprint (source index, image file sizes and times, every setting a
# stage reads, the pdml build) equals the last retrained one; a lock file keeps runs from
# overlapping (a second start exits 0 at once).
#
# Usage: pipelines/local/retrain.sh [--force] CONFIG [key=value ...]
# Crontab, Mondays 03:00:
#   0 3 * * 1  cd /path/to/pdml && pipelines/local/retrain.sh configs/experiments/emoji-vendors-cpu.yaml >> .cache/retrain/cron.log 2>&1
# Environment: PDML (the launcher, default ./pdml), PDML_RETRAIN_DIR (state, lock, examples and
# runs; default .cache/retrain), PDML_METRIC (default recall_at_1), PDML_MODEL_NAME (default
# pdml-embedding), PDML_KEEP_RUNS (pdml prune --keep-runs, default 5), MLFLOW_TRACKING_URI (else
# pdml starts its local server).
# Layout under PDML_RETRAIN_DIR, per config name: state/<name>.fingerprint (last retrained),
# state/<name>.run-info.json (pdml run --run-info of the last run), examples/<name>/<fingerprint>
# (only the current one is kept), runs/<name> (the config's one runs_root, reused across runs).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
pdml="${PDML:-$root/pdml}"
work="${PDML_RETRAIN_DIR:-$root/.cache/retrain}"
metric="${PDML_METRIC:-recall_at_1}"
model_name="${PDML_MODEL_NAME:-pdml-embedding}"
keep_runs="${PDML_KEEP_RUNS:-5}"

force=false
if [[ "${1:-}" == "--force" ]]; then
  force=true
  shift
fi
if [[ $# -lt 1 ]]; then
  echo "usage: $0 [--force] CONFIG [key=value ...]" >&2
  exit 2
fi
config="$1"
shift
name="$(basename "$config" .yaml)"

mkdir -p "$work/state"
exec 9>"$work/retrain.lock"
if ! flock -n 9; then
  echo "retrain: another retraining holds $work/retrain.lock; not starting" >&2
  exit 0
fi

fp="$("$pdml" fingerprint --config "$config" "$@")"
state="$work/state/$name.fingerprint"
last="$(cat "$state" 2>/dev/null || true)"
if [[ "$fp" == "$last" && "$force" != true ]]; then
  echo "retrain: nothing changed ($fp); skipping"
  exit 0
fi

# One runs_root per config, so unchanged stages are reused: preprocess records its examples in
# the stage store there, and pdml run (same config, overrides and runs_root) reuses them.
runs="$work/runs/$name"
examples="$work/examples/$name/$fp"
if [[ -f "$examples/manifest.json" ]]; then
  echo "retrain: reusing complete examples at $examples"
else
  "$pdml" preprocess --config "$config" --overwrite "$@" data.output="$examples" runs_root="$runs"
  "$pdml" inspect "$examples"
fi

# The run-info file names the run.
info="$work/state/$name.run-info.json"
rm -f "$info"
"$pdml" run --config "$config" "$@" data.output="$examples" runs_root="$runs" --run-info "$info"
"$pdml" promote --run-info "$info" --metric "$metric" --model-name "$model_name"

# Only a completed retraining records its fingerprint, so a failed run is retried next time.
echo "$fp" > "$state.tmp"
mv "$state.tmp" "$state"

# Bound the store: stage folders of all but the newest runs, and examples of old fingerprints.
"$pdml" prune --runs-root "$runs" --keep-runs "$keep_runs"
find "$work/examples/$name" -mindepth 1 -maxdepth 1 -type d ! -name "$fp" -exec rm -rf {} +
echo "retrain: done ($fp)"
