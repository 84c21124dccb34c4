#!/usr/bin/env bash
# bench/loader (issue 17 item 6): can pdml's training input pipeline feed a GPU? Images/s of
# PrefetchingLoader alone (JPEG decode + RandomResizedCrop SIDE + flip + normalise + batch of 64)
# with 1 and 2 worker threads, against torchvision's standard pipeline (PIL decode, transforms v2)
# in one single-threaded process on the same JPEG bytes, in the same run. The per-core figure is
# images per process-CPU second. Goal: >= 150 images/s per core at 224 px.
# Usage: bench/loader/run.sh SHARDS [side] [workers] [rounds]
#   SHARDS: an examples folder of JPEGs larger than SIDE, e.g. the quickstart preprocessed at
#   256 px: ./pdml preprocess --config configs/quickstart.yaml data.image_size=256
#           data.encoding=jpeg data.output=.cache/shards/emoji3-256-jpeg --tracking=off
# Needs a built tree (./mvnw -o -q compile). The baseline's python comes from
# bench/common/torch-venv.sh (PDML_TORCH_PYTHON overrides it); torchvision 0.22.1 (the release
# that pairs with torch 2.7.1), Pillow and numpy are added to it without dependencies if missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
shards="$1"
side="${2:-224}"
workers="${3:-1,2}"
rounds="${4:-3}"
export OMP_WAIT_POLICY=PASSIVE
py="$(bench/common/torch-venv.sh)"
"$py" -c 'import torchvision, PIL, numpy' 2>/dev/null \
    || "$py" -m pip install -q --no-deps torchvision==0.22.1 pillow numpy >&2
./mvnw -B -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
cp="$(cat target/cp.txt):target/classes"
out=".cache/bench-loader"
mkdir -p "$out"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in 1 2; do
    # Alternate the two sides, so that drift of a shared host shows as spread between rounds.
    java -Djava.awt.headless=true -cp "$cp" bench/loader/LoaderBench.java "$shards" "$side" \
        "$workers" "$rounds" "$out/train.bin" | tee "$out/pdml-$round.csv"
    "$py" bench/loader/torchvision_loader.py "$out/train.bin" "$side" "$rounds" \
        | tee "$out/torchvision-$round.csv"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
