#!/usr/bin/env bash
# bench/train/paired.sh (issue 17 item 7): pdml's training step against PyTorch eager in paired
# windows. Both sides start, warm up (>= 20 s) and then take turns: the driver pauses one process
# (SIGSTOP) while the other runs for WINDOW seconds, WINDOWS times each, ABAB... Each side's
# images/s in a window comes from the step completions inside it (first to last, so the step that
# straddles a pause is not counted). Adjacent windows share the host's state, so their ratio is
# far less exposed to this shared machine's drift (up to 30 % between minutes) than separate
# rounds are. Prints each pair and the median ratio.
# Usage: bench/train/paired.sh SHARDS [windows=10] [window seconds=10] [backbone=resnet18] [side=32]
# Needs what bench/train/run.sh needs (PDML_CLASSPATH / PDML_TORCH_PYTHON as there).
set -euo pipefail
cd "$(dirname "$0")/../.."
shards="$1"
windows="${2:-10}"
seconds="${3:-10}"
backbone="${4:-resnet18}"
side="${5:-32}"
export OMP_WAIT_POLICY=PASSIVE
py="$(bench/common/torch-venv.sh)"
cp="$(bench/common/pdml-classpath.sh)"
out=".cache/bench-train/paired"
rm -rf "$out"
mkdir -p "$out"
classes="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["splits"][0]["classCount"])' "$shards/manifest.json")"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
${PDML_JAVA_ENV:-} java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1 \
    -cp "$cp" bench/train/TrainBench.java "$shards" 0 cpu "$backbone" "$side" 1 \
    > "$out/pdml.txt" 2> "$out/pdml.err" &
pdml=$!
"$py" bench/train/torch_train.py "$classes" 0 cpu "$backbone" "$side" > "$out/torch.txt" &
torch=$!
trap 'kill -CONT $pdml $torch 2>/dev/null; kill $pdml $torch 2>/dev/null || true' EXIT
# Warm up one at a time, so that neither warms up on a shared CPU.
kill -STOP "$torch"
until grep -q '^ready' "$out/pdml.txt"; do sleep 1; kill -0 "$pdml"; done
kill -STOP "$pdml"
kill -CONT "$torch"
until grep -q '^ready' "$out/torch.txt"; do sleep 1; kill -0 "$torch"; done
kill -STOP "$torch"
for w in $(seq 1 "$windows"); do
    for side_pid in "pdml:$pdml" "torch:$torch"; do
        name="${side_pid%%:*}"
        pid="${side_pid##*:}"
        start="$(date +%s%6N)"
        kill -CONT "$pid"
        sleep "$seconds"
        kill -STOP "$pid"
        echo "$w,$name,$start,$(date +%s%6N)" >> "$out/windows.csv"
    done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/train/paired_ratio.py "$out"
