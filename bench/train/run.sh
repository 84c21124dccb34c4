#!/usr/bin/env bash
# bench/train (issue 4): images/s of one training step (small CNN and ResNet-18, batch 64, 32 px,
# EL-nivMF loss, Adam) for pdml and PyTorch eager on CPU with 2 threads, in one run, plus pdml's
# data loader alone over real shards.
# Usage: bench/train/run.sh SHARDS [reps] [rounds] [device] [backbones] [side] [loader workers]
# ROUNDS (default 2) alternate the two sides. SHARDS: a folder written by `pdml preprocess` (e.g. the quickstart's .cache/shards/...).
# DEVICE (default cpu) is cpu or cuda:N for both sides; BACKBONES (default small-cnn,resnet18; also
# resnet50) and LOADER WORKERS (default 1,2) are comma-separated; SIDE is the input size (default
# 32). bench/gpu/run.sh runs `SHARDS 20 2 cuda:0 small-cnn,resnet50 224 1,16`.
# Needs a built tree (./mvnw -o -q compile); the torch 2.7.1 venv comes from bench/common/torch-venv.sh.
# Without Maven: PDML_CLASSPATH (the classpath, target/classes included) replaces the Maven call,
# and PDML_TORCH_PYTHON (a python with torch 2.7.1) the venv.
set -euo pipefail
cd "$(dirname "$0")/../.."
shards="$1"
reps="${2:-20}"
# Rounds alternate pdml and torch (ABAB...), so that drift of this shared host shows as spread
# between rounds instead of biasing one side.
rounds="${3:-2}"
device="${4:-cpu}"
backbones="${5:-small-cnn,resnet18}"
side="${6:-32}"
workers="${7:-1,2}"
export OMP_WAIT_POLICY=PASSIVE
py="$(bench/common/torch-venv.sh)"
"$py" -c 'import torch; print("torch", torch.__version__)'
cp="$(bench/common/pdml-classpath.sh)"
out=".cache/bench-train"
mkdir -p "$out"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
    echo "round $round"
    java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1 \
        -cp "$cp" bench/train/TrainBench.java "$shards" "$reps" "$device" "$backbones" "$side" \
        "$workers" 2>"$out/pdml-$round.err" | grep -E '^(engine|classes|impl|pdml)' \
        | tee "$out/pdml-$round.csv"
    classes="$(grep '^classes,' "$out/pdml-$round.csv" | cut -d, -f2)"
    "$py" bench/train/torch_train.py "$classes" "$reps" "$device" "$backbones" "$side" \
        | tee "$out/torch-$round.csv"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
