#!/usr/bin/env bash
# EL-nivMF loss benchmark (issue 3): pdml vs a per-image PyTorch loop and a vectorised PyTorch
# version, all on CPU with 2 intra-op threads, in one run.
# Usage: bench/loss/run.sh [reps] [rounds] [ref-style reps]
# Rounds (default 1) alternate torch and pdml, so drift of this shared host shows as spread. The
# reference-style loop (torch_bench.py) takes up to ~2 min per step, so it runs in round 1 only,
# with [ref-style reps] timed steps (default 1; 0 skips it).
# Needs: a built tree (./mvnw -o -q compile); the torch 2.7.1 venv (bench/.venv-torch, or
# $PDML_TORCH_VENV) is created on first use by bench/common/torch-venv.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
reps="${1:-5}"
rounds="${2:-1}"
ref_reps="${3:-1}"
export OMP_WAIT_POLICY=PASSIVE
py="$(bench/common/torch-venv.sh)"
"$py" -c 'import torch; print("torch", torch.__version__)'
./mvnw -B -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
out=".cache/bench-loss"
mkdir -p "$out"
echo "load average at start: $(cut -d" " -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
    echo "round $round"
    [ "$round" = 1 ] || ref_reps=0
    "$py" bench/loss/torch_bench.py "$reps" "$ref_reps" | tee "$out/torch-$round.csv"
    java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1 \
        -cp "$(cat target/cp.txt):target/classes" bench/loss/LossBench.java "$reps" 2>/dev/null \
        | grep -E '^(impl|pdml)' | tee "$out/pdml-$round.csv"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
