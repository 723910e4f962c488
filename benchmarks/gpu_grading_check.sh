#!/usr/bin/env bash
# One-command GPU check for a session that has a CUDA machine (nothing here has run on one yet).
# Run from the repository root after `make install data` and `apt-get install -y bubblewrap`:
#     bash benchmarks/gpu_grading_check.sh 2>&1 | tee gpu-check.log
# 1. CUDA works under the sandbox's memory limits (RLIMIT_DATA, no address-space limit with a GPU),
#    and would not under the old 4 GiB address-space limit;
# 2. a sandboxed `autograder grade` of the MNIST notebook runs on CUDA and scores full marks;
# 3. the GPU figures the notes lack: attention, ResNet per-epoch, capstone.
set -u
PY=.venv/bin/python
export AIPATH_PROFILE=fast MPLBACKEND=Agg AIPATH_DATA_DIR=${AIPATH_DATA_DIR:-$PWD/.data}
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv
echo "== 1. CUDA under the sandbox limits"
CUDA_PROBE='import torch; x = torch.ones(1024, 1024, device="cuda"); print("cuda ok", torch.cuda.get_device_name(), float(x.sum()))'
prlimit --data=$((4096 << 20)) --as=unlimited $PY -c "$CUDA_PROBE"
echo "-- expected to fail (old limit, 4 GiB of address space):"
prlimit --as=$((4096 << 20)) $PY -c "$CUDA_PROBE" 2>&1 | tail -2
echo "== 2. sandboxed grade of 03_mnist_classifier"
C=$(mktemp -d); mkdir -p "$C/notebooks/02_deep_learning" "$C/subs/alice"
cp notebooks/02_deep_learning/03_mnist_classifier.ipynb "$C/notebooks/02_deep_learning/"
(cd "$C" && $OLDPWD/.venv/bin/autograder release 02_deep_learning >/dev/null && $OLDPWD/$PY -c "
import sys; sys.path.insert(0, '$OLDPWD/tests'); import nbformat; from pathlib import Path; from fabricate import answered
nb = '03_mnist_classifier.ipynb'
sub = answered(Path('release/02_deep_learning') / nb, Path('notebooks/02_deep_learning') / nb)
at = next(i for i, c in enumerate(sub.cells) if 'DEVICE = get_device()' in c.source) + 1
sub.cells.insert(at, nbformat.v4.new_code_cell('print(\"device:\", DEVICE)'))  # a student may add cells
nbformat.write(sub, 'subs/alice/' + nb)" \
 && /usr/bin/time -f "graded in %e s" $OLDPWD/.venv/bin/autograder grade 02_deep_learning subs --workdir w --no-progress \
 && grep -o 'device: c[a-z]*' w/autograded/alice/02_deep_learning/03_mnist_classifier.ipynb | sort | uniq -c)
echo "== 3. GPU figures"
$PY benchmarks/bench_03_attention.py --device cuda
$PY benchmarks/bench_03_resnet.py --part time --device cuda
$PY benchmarks/bench_05_capstone.py --device cuda
