#!/usr/bin/env bash
# OCR engines side by side in one run: Tesseract, PaddleOCR (PP-OCRv4 on ONNX Runtime, CPU) and
# ocrEngine=auto, CER and pages/s on ../shared/corpus/ocr-dev and on generated skewed scans. See
# docs/benchmarks.md for recorded runs and docs/ocr-engines.md for what auto picks.
# Usage: ops/bench/engines.sh [corpus-dir]
# To read with some engines or some pages only (engine names separated by commas; text the page
# names contain): BENCH_ENGINES=paddle BENCH_PAGES=multicolumn ops/bench/engines.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus="${1:-../shared/corpus}"

./mvnw -q -B -pl ops -am -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true package
# One page at a time on one thread, as one worker of a node reads it.
OMP_THREAD_LIMIT=1 java -Xmx4g \
  -Dbench.engines="${BENCH_ENGINES:-}" -Dbench.pages="${BENCH_PAGES:-}" -cp "ops/target/docgrid-ops-0.1.0-SNAPSHOT.jar:$(cat ops/target/classpath.txt)" \
  io.docgrid.ops.bench.EngineBenchmark "$corpus"
