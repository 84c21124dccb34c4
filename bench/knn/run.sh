#!/usr/bin/env bash
# bench/knn: pdml exact kNN + retrieval metrics vs faiss-cpu IndexFlatIP, both on 2 threads,
# N in {10000, 60000} (or the sizes given), D = 512. Uses the peer venv (faiss-cpu, numpy) from
# src/test/python/peer/make_goldens.sh. Usage: bench/knn/run.sh [N ...]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
py="$root/.cache/peer-venv/bin/python"
[[ -x "$py" ]] || { echo "run src/test/python/peer/make_goldens.sh first (creates $py)" >&2; exit 1; }
./mvnw -B -o -q compile -Dspotless.check.skip=true
./mvnw -B -o -q dependency:build-classpath -Dmdep.outputFile="$root/.cache/bench-cp.txt" \
  -Dmdep.includeScope=runtime
cp="$root/target/classes:$(cat "$root/.cache/bench-cp.txt")"
export OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE
for n in "${@:-10000 60000}"; do
  for size in $n; do
    data="$root/.cache/bench-knn/$size"
    [[ -f "$data/ids.txt" ]] || "$py" bench/knn/make_data.py "$size" "$data"
    "$py" bench/knn/faiss_knn.py "$data"
    java -Xmx4g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2 \
      -Dai.djl.pytorch.num_interop_threads=1 -cp "$cp" bench/knn/KnnBench.java "$data"
  done
done
