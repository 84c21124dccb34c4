#!/usr/bin/env bash
# Regenerates the peer goldens under src/test/resources/golden/peer/ (re-run whenever the
# metrics change, then commit the folder). Steps: (1) the Python generator writes the synthetic
# embedding sets, (2) `pdml metrics` writes pdml's k-means ids (clusters.npy) into each set,
# (3) the peer libraries score every set into golden.json.
# Creates its own venv under .cache/peer-venv: torch comes with pytorch-metric-learning and is
# the multi-GB CUDA wheel, so this venv is never part of CI.
# Usage: src/test/python/peer/make_goldens.sh [extra embedding folders, e.g. a real model's]
# The committed real set (emoji-vendors-quickstart) is refreshed from a trained quickstart run with
#   PDML_REAL_EMBEDDINGS=runs/quickstart/<run>/eval/embeddings src/test/python/peer/make_goldens.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../../../.." && pwd)"
here="$root/src/test/python/peer"
venv="$root/.cache/peer-venv"
req="$here/requirements-peer.txt"
want="$(sha256sum "$req" | cut -d' ' -f1)"
if [[ ! -x "$venv/bin/python" || "$(cat "$venv/.req.sha256" 2>/dev/null)" != "$want" ]]; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --upgrade pip
  "$venv/bin/python" -m pip install -q -r "$req"
  echo "$want" > "$venv/.req.sha256"
fi
cd "$root"
"$venv/bin/python" "$here/make_goldens.py" --root "$root" generate
if [[ -n "${PDML_REAL_EMBEDDINGS:-}" ]]; then
  "$venv/bin/python" "$here/make_goldens.py" --root "$root" import "$PDML_REAL_EMBEDDINGS"
fi
golden="$root/src/test/resources/golden/peer"
sets=("$golden"/*/ "$@")
for set in "${sets[@]}"; do
  set="${set%/}"
  qg=""; [[ -f "$set/roles.npy" ]] && qg="--query-gallery"
  tmp="$(mktemp -d)"
  MAVEN_OPTS="-Djava.awt.headless=true -Dai.djl.offline=true" \
    ./mvnw -B -o -q compile exec:java -Dexec.mainClass=org.pdml.app.Main \
    -Dexec.args="metrics --embeddings $set --out $tmp $qg --seed 0 --n-init 3" \
    -Dspotless.check.skip=true
  cp "$tmp/clusters.npy" "$set/clusters.npy"
  rm -rf "$tmp"
done
"$venv/bin/python" "$here/make_goldens.py" --root "$root" score "${sets[@]}"
