#!/usr/bin/env bash
# bench/train (issue 4): images/s of one training step (small CNN and ResNet-18, batch 64, 32 px,
# EL-nivMF loss, Adam) for pdml and PyTorch eager on CPU with 2 threads, in one run, plus pdml's
# data loader alone over real shards. Usage: bench/train/run.sh SHARDS [reps] [rounds]
# ROUNDS (default 2) alternate the two sides. SHARDS: a folder written by `pdml preprocess` (e.g. the quickstart's .cache/shards/...).
# Needs a built tree (./mvnw -o -q compile); the torch 2.7.1 venv comes from bench/common/torch-venv.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
shards="$1"
reps="${2:-20}"
# Rounds alternate pdml and torch (ABAB...), so that drift of this shared host shows as spread
# between rounds instead of biasing one side.
rounds="${3:-2}"
export OMP_WAIT_POLICY=PASSIVE
py="$(bench/common/torch-venv.sh)"
"$py" -c 'import torch; print("torch", torch.__version__)'
./mvnw -B -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
out=".cache/bench-train"
mkdir -p "$out"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
    echo "round $round"
    java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1 \
        -cp "$(cat target/cp.txt):target/classes" bench/train/TrainBench.java "$shards" "$reps" \
        2>/dev/null | grep -E '^(classes|impl|pdml)' | tee "$out/pdml-$round.csv"
    classes="$(grep '^classes,' "$out/pdml-$round.csv" | cut -d, -f2)"
    "$py" bench/train/torch_train.py "$classes" "$reps" | tee "$out/torch-$round.csv"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
