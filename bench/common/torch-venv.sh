#!/usr/bin/env bash
# Prints the python of bench/.venv-torch, creating it on first use with pip's torch 2.7.1: the same
# libtorch version as DJL's pytorch-native-cpu, so the comparisons measure pdml and DJL rather than
# two torch releases' kernels. PyPI's torch is the CUDA build (about 5 GB installed); its CPU path is
# what the benchmarks run. Sourced by bench/loss/run.sh and bench/train/run.sh.
# PDML_TORCH_PYTHON, when set, is printed instead: a python that already has torch 2.7.1 (machines
# without registry access, such as bench/gpu/run.sh's).
set -euo pipefail
if [[ -n "${PDML_TORCH_PYTHON:-}" ]]; then
    echo "$PDML_TORCH_PYTHON"
    exit 0
fi
venv="${PDML_TORCH_VENV:-bench/.venv-torch}"
if [[ ! -x "$venv/bin/python" ]]; then
    echo "creating $venv with torch 2.7.1 (several GB, one time)" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q torch==2.7.1 numpy >&2
fi
echo "$venv/bin/python"
