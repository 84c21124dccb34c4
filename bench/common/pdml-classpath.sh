#!/usr/bin/env bash
# Prints the classpath on which the benchmarks run pdml: $PDML_CLASSPATH when set (machines without
# Maven, or a copied target/classes that a rebuild in another shell cannot replace mid-run), else
# Maven's runtime classpath plus target/classes of a built tree (./mvnw -o -q compile).
set -euo pipefail
if [[ -n "${PDML_CLASSPATH:-}" ]]; then
    echo "$PDML_CLASSPATH"
    exit 0
fi
./mvnw -B -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt >&2
echo "$(cat target/cp.txt):target/classes"
