#!/usr/bin/env bash
# Checks the CUDA kernels' arithmetic without a GPU: compiles them as C++ with a small host
# emulation of CUDA (ops/gpu/emulation/prelude.h) and compares every kernel's output with the
# formulas of io.docgrid.tasks.preprocess.Preprocessor on random images. Needs g++ 11 or later.
# It checks the kernels only; the driver calls and the Java side need a GPU (ops/gpu/prove.sh).
set -euo pipefail
cd "$(dirname "$0")"
kernels=../../grid-tasks/src/main/resources/io/docgrid/tasks/preprocess/cuda
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for kernel in grayscale skew rotate sauvola; do
  # Dynamic shared memory becomes one static host buffer.
  sed 's/extern __shared__ unsigned int local\[\];/unsigned int* local = dyn_shared;/' \
    "$kernels/$kernel.cu" > "$work/$kernel.inc"
done
cp emulation/prelude.h emulation/main.cpp "$work/"
g++ -std=c++20 -O1 -pthread -o "$work/emulate" "$work/main.cpp"
"$work/emulate"
