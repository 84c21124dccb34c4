#!/usr/bin/env bash
# Regenerates the peer goldens under src/test/resources/golden/peer/.
# Creates its own venv under .cache/peer-venv (torch comes with pytorch-metric-learning and is
# the multi-GB CUDA wheel: this venv is never part of CI). Re-run whenever the metrics change.
# Usage: src/test/python/peer/make_goldens.sh [extra embedding folders...]
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
exec "$venv/bin/python" "$here/make_goldens.py" --root "$root" "$@"
