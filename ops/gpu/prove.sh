#!/usr/bin/env bash
# The real-GPU proof in one command, on a machine with an NVIDIA GPU and driver: prints the GPU,
# builds, runs the gpu-tagged tests (the CUDA backend against the CPU contract), then the
# preprocessing benchmark, then PaddleOCR on ONNX Runtime's CUDA provider against its CPU reading
# and its batching benchmark (pages of 16 jobs at batch 1, then batched across the jobs).
# Everything is also written to ops/gpu/proof-<date>.log.
# Needs: NVIDIA driver (libcuda.so.1, libnvidia-ml.so.1); a CUDA 13 toolkit (libcudart.so.13,
# libnvrtc.so.13) on the loader path, or pass -Pcuda-redist in MAVEN_ARGS to bundle them. The
# PaddleOCR step builds with -Ponnxruntime-gpu (onnxruntime_gpu: CUDA 12 and cuDNN 9 libraries).
# Usage: ops/gpu/prove.sh [corpus-dir] [pages]
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus="${1:-../shared/corpus}"
pages="${2:-200}"
log="ops/gpu/proof-$(date -u +%Y%m%dT%H%M%SZ).log"
extra=${MAVEN_ARGS:-}

{
  echo "== $(date -u +%FT%TZ) on $(hostname)"
  nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv
  command -v nvcc >/dev/null && nvcc --version | tail -n 2
  echo "== gpu-tagged tests"
  # -Dgroups=gpu runs only the tests tagged gpu; a skipped test here means CUDA was not usable.
  ./mvnw -B $extra -pl grid-tasks -am verify -Dgroups=gpu -Djacoco.skip=true \
    -Dtest='!CudaPaddle*Test' -Dsurefire.failIfNoSpecifiedTests=false
  skipped=$(grep -ho 'skipped="[0-9]*"' grid-tasks/target/surefire-reports/TEST-*CudaPreprocessor*.xml \
    | grep -v 'skipped="0"' || true)
  if [ -n "$skipped" ]; then
    echo "FAILED: gpu tests were skipped: CUDA is not usable on this machine" >&2
    exit 1
  fi
  echo "== benchmark"
  ./mvnw -q -B $extra -pl ops -am -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true package
  java -Xmx8g -cp "ops/target/docgrid-ops-0.1.0-SNAPSHOT.jar:$(cat ops/target/classpath.txt)" \
    io.docgrid.ops.bench.PreprocessingBenchmark "$corpus" "$pages"
  echo "== PaddleOCR on the CUDA execution provider (onnxruntime_gpu): contract and batching"
  ./mvnw -B $extra -Ponnxruntime-gpu -pl grid-tasks -am verify -Dgroups=gpu -Djacoco.skip=true \
    -Dtest='CudaPaddleOcrTest,CudaPaddleBatchingTest' -Dsurefire.failIfNoSpecifiedTests=false
  if grep -q 'skipped="[1-9]' grid-tasks/target/surefire-reports/TEST-*CudaPaddle*Test.xml; then
    grep -h -A1 '<skipped' grid-tasks/target/surefire-reports/TEST-*CudaPaddle*Test.xml >&2
    echo "FAILED: a PaddleOCR gpu test was skipped: ONNX Runtime's CUDA provider is not usable" >&2
    exit 1
  fi
  cat grid-tasks/target/paddle-batching.txt
} 2>&1 | tee "$log"
exit "${PIPESTATUS[0]}"
