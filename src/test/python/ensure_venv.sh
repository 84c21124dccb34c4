#!/usr/bin/env bash
# Creates (or reuses) the test venv at $1 from requirements.txt beside this script.
# The venv is rebuilt only when requirements.txt changes, so repeated test runs are cheap.
set -euo pipefail
venv="${1:?usage: ensure_venv.sh <venv-dir>}"
here="$(cd "$(dirname "$0")" && pwd)"
req="$here/requirements.txt"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$req" | cut -d' ' -f1)"
# One builder at a time: two builds that both see a changed pin set would delete each other's venv.
mkdir -p "$(dirname "$venv")"
exec 9>"$venv.lock"
flock 9
if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi
echo "[pdml] creating test venv $venv (requirements $want)" >&2
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q --upgrade pip
"$venv/bin/python" -m pip install -q -r "$req"
echo "$want" > "$stamp"
