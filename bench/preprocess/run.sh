#!/usr/bin/env bash
# bench/preprocess: Beam pipeline vs a plain single-threaded Java loop on the same Emoji-Vendors
# files (google + twitter, 64 px PNG in, 64 px PNG out), same JVM, same run.
# Usage: bench/preprocess/run.sh [classes-per-half, 0 = all]   (run from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
export OMP_WAIT_POLICY=PASSIVE
./mvnw -B -o -q test-compile -DskipTests
./mvnw -B -o -q exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=org.pdml.preprocess.bench.PreprocessBench \
  -Dexec.args="$(mktemp -d)/examples 64 ${1:-0}" -Djava.awt.headless=true
