#!/usr/bin/env bash
# bench/gpu (issue 17): every GPU figure in one run of at most 8 minutes on a machine with an NVIDIA
# GPU, a Python whose torch is 2.7.1, a JDK 17+ on PATH, and no registry access. Steps:
#   1. the machine: GPU (nvidia-smi), torch version; stops (exit 3) unless a GPU is visible and
#      torch is 2.7.1, the only libtorch that DJL 0.36's cu128 JNI (pytorch-jni 2.7.1-0.36.0) fits;
#   2. points DJL at that torch's libtorch and prints the engine it loaded (bench/gpu/EngineProbe);
#   3. the tests tagged gpu (GpuTrainingTest, GpuLossParityTest), without Maven (bench/gpu/GpuTests);
#   4. bench/train on cuda:0: small CNN and ResNet-50 at 224 px, batch 64, pdml against PyTorch
#      eager on the same GPU, 2 alternating rounds; with it pdml's loader at 224 px on 1 and 16
#      workers (images/s and per core).
# Usage: bench/gpu/run.sh SHARDS [reps]   (reps: timed steps per network, default 20)
# Output: the console, and the CSVs of step 4 under .cache/bench-train/. Exit status: 0 all ran;
#   1 a step failed; 2 the tree is not prepared (says what to run); 3 this machine cannot run it.
#
# Prepare on the build machine (it has Maven and its repository), then copy the working tree,
# these ignored paths included, to the GPU machine:
#   ./mvnw -B -q -DskipTests package          # target/classes and target/test-classes
#   ./mvnw -B -q dependency:copy-dependencies -DincludeScope=test \
#       -DexcludeArtifactIds=pytorch-native-cpu # target/dependency: ~140 MB of jars, JUnit's
#                                             # launcher included; no CPU libtorch (step 2)
#   SHARDS: a folder written by `pdml preprocess`; for the loader figure, 256 px JPEG (the steps
#   time pre-loaded batches, so any shards do for them). The quickstart's (5,176 images, 53 MB):
#   ./pdml preprocess --config configs/quickstart.yaml --tracking off data.image_size=256 \
#       data.encoding=jpeg data.output=.cache/shards/quickstart-emoji3-256jpeg
# Nothing is downloaded on the GPU machine: the classpath is target/ plus target/dependency; the
# libtorch is the installed torch's own torch/lib (PYTORCH_LIBRARY_PATH, PYTORCH_FLAVOR=cu128,
# PYTORCH_VERSION=2.7.1, the nvidia-* wheels' lib folders on LD_LIBRARY_PATH): what the libtorch
# setting (engine.libtorch) does for pdml's own commands; this script runs plain java, so it sets
# them itself. DJL extracts the cu128 JNI from pytorch-jni's jar into .cache/bench-gpu/djl.
# PDML_GPU_PYTHON picks the python (default python3); PDML_GPU_BUDGET_S the time limit (480 s).
set -euo pipefail
cd "$(dirname "$0")/../.."
shards="${1:-}"
reps="${2:-20}"
py="${PDML_GPU_PYTHON:-python3}"
deadline=$((SECONDS + ${PDML_GPU_BUDGET_S:-480}))
export OMP_WAIT_POLICY=PASSIVE

say() { echo "[bench/gpu] $*"; }
left() { echo $((deadline - SECONDS > 1 ? deadline - SECONDS : 1)); }

prepared_or_exit() {
    local missing=()
    [[ -d target/classes && -d target/test-classes ]] \
        || missing+=("target/classes and target/test-classes")
    compgen -G "target/dependency/junit-platform-launcher-*.jar" >/dev/null \
        || missing+=("target/dependency with the test dependencies")
    [[ -f "$shards/manifest.json" ]] \
        || missing+=("SHARDS, a folder written by pdml preprocess ('${shards}')")
    if ((${#missing[@]})); then
        local joined
        joined="$(printf '%s; ' "${missing[@]}")"
        say "not prepared: missing ${joined%; }. See this script's header."
        exit 2
    fi
}

# Prints the GPU, torch and Java found; exits 3 with every reason when this machine cannot run
# the rest.
machine_or_exit() {
    local gpu torch problems=()
    gpu="$(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader \
        2>/dev/null | head -n 1 || true)"
    say "GPU: ${gpu:-none visible (nvidia-smi missing or lists no GPU)}"
    [[ -n "$gpu" ]] || problems+=("no GPU is visible")
    torch="$("$py" -c 'import torch; print(torch.__version__, torch.version.cuda)' 2>/dev/null \
        || true)"
    say "torch ($py): ${torch:-not importable}"
    if [[ -z "$torch" ]]; then
        problems+=("$py cannot import torch")
    elif [[ "${torch%% *}" != 2.7.1* ]]; then
        local why="DJL 0.36's CUDA JNI fits libtorch 2.7.1 only"
        problems+=("the installed torch is ${torch%% *}, not 2.7.1: $why")
    elif [[ "${torch##* }" == None ]]; then
        problems+=("torch ${torch%% *} is a CPU-only build")
    fi
    # java File.java needs a JDK 11+ (jdk.compiler); the classes need 17.
    say "java: $(java -version 2>&1 | head -n 1 || echo none)"
    java --list-modules 2>/dev/null | grep -q '^jdk.compiler@\(1[7-9]\|[2-9][0-9]\)' \
        || problems+=("no JDK 17+ (java with jdk.compiler) on PATH")
    if ((${#problems[@]})); then
        local joined
        joined="$(printf '%s; ' "${problems[@]}")"
        say "stopped, nothing measured: ${joined%; }."
        exit 3
    fi
}

# The environment in which DJL loads the installed torch's libtorch with the cu128 JNI.
use_installed_libtorch() {
    local lib nvidia
    lib="$("$py" -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')"
    nvidia="$("$py" -c 'import glob, os, torch
site = os.path.dirname(os.path.dirname(torch.__file__))
print(":".join(sorted(glob.glob(os.path.join(site, "nvidia", "*", "lib")))))')"
    export PYTORCH_LIBRARY_PATH="$lib" PYTORCH_FLAVOR=cu128 PYTORCH_VERSION=2.7.1
    export LD_LIBRARY_PATH="${nvidia}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    export DJL_CACHE_DIR="$PWD/.cache/bench-gpu/djl"
    mkdir -p "$DJL_CACHE_DIR"
    say "libtorch: $lib (flavour cu128, version 2.7.1)"
}

step() {
    local name="$1"
    shift
    say "$name ($(left) s left)"
    if ! timeout "$(left)" "$@"; then
        say "FAILED: $name"
        failed=1
    fi
}

prepared_or_exit
machine_or_exit
use_installed_libtorch
cp="target/test-classes:target/classes:target/dependency/*"
java_opts=(-Dai.djl.offline=true -Djava.awt.headless=true -cp "$cp")
say "engine"
if ! timeout "$(left)" java "${java_opts[@]}" bench/gpu/EngineProbe.java cuda:0 2>&1 \
    | grep -v ' INFO '; then
    say "stopped: the engine did not load, or it sees no usable cuda:0 (above)."
    exit 3
fi
failed=0
step "gpu tests" java -Xmx4g "${java_opts[@]}" bench/gpu/GpuTests.java target/test-classes
step "bench/train on cuda:0, and the loader at 224 px" \
    env PDML_CLASSPATH="target/classes:target/dependency/*" PDML_TORCH_PYTHON="$py" \
    bench/train/run.sh "$shards" "$reps" 2 cuda:0 small-cnn,resnet50 224 1,16
if [[ $failed == 0 ]]; then say "done in $SECONDS s: every step ran"; else
    say "done in $SECONDS s: a step failed (above)"; fi
exit "$failed"
