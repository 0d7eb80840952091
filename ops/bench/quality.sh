#!/usr/bin/env bash
# Text quality benchmark: DocGrid vs pdftotext (text layers) and vs the tesseract CLI (OCR), on
# ../shared/corpus. Prints per-file figures and means; see docs/benchmarks.md for recorded runs.
# Usage: ops/bench/quality.sh [corpus-dir]
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus="${1:-../shared/corpus}"

need=()
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v tesseract >/dev/null || need+=(tesseract-ocr tesseract-ocr-eng)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} for the comparison" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

./mvnw -q -B -pl ops -am -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true package
java -cp "ops/target/docgrid-ops-0.1.0-SNAPSHOT.jar:$(cat ops/target/classpath.txt)" \
  io.docgrid.ops.bench.QualityBenchmark "$corpus"
