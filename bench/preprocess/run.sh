#!/usr/bin/env bash
# bench/preprocess: Beam pipeline vs a plain decode/resize/encode loop (1 thread and all cores) on
# the same Emoji-Vendors files (64 px PNG out), same JVM: one cold pipeline run, a warm-up by time
# in which all three take turns, then alternating timed rounds of the two loops, the pipeline over
# the dataset, and the pipeline over the dataset's index repeated k times (fixed cost per run
# spread over k times the images).
# Usage (from the repository root):
#   bench/preprocess/run.sh [classes-per-half, 0 = all] [vendors, default: all four]
#                           [warm-up seconds, default 90] [rounds, default 7] [k, default 8]
set -euo pipefail
cd "$(dirname "$0")/../.."
export OMP_WAIT_POLICY=PASSIVE
./mvnw -B -o -q test-compile -DskipTests
./mvnw -B -o -q exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=org.pdml.preprocess.bench.PreprocessBench \
  -Dexec.args="$(mktemp -d)/examples 64 ${1:-0} ${2:-google,twitter,gemojione,openmoji} ${3:-90} ${4:-7} ${5:-8}" \
  -Djava.awt.headless=true
