#!/usr/bin/env bash
# Preprocessing throughput, CPU backend vs CUDA backend side by side in one run, on the page images
# of ../shared/corpus/ocr-dev. Exit code 3 when there is no usable GPU (CPU figure still printed).
# Usage: ops/bench/preprocess.sh [corpus-dir] [pages]
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus="${1:-../shared/corpus}"
pages="${2:-200}"

./mvnw -q -B -pl ops -am -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true package
java -Xmx8g -cp "ops/target/docgrid-ops-0.1.0-SNAPSHOT.jar:$(cat ops/target/classpath.txt)" \
  io.docgrid.ops.bench.PreprocessingBenchmark "$corpus" "$pages"
