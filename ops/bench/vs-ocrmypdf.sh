#!/usr/bin/env bash
# Scanned pages: DocGrid next to the tesseract CLI (page images to text) and next to OCRmyPDF
# (scanned PDFs to searchable PDFs and their text), in one run, at 1, 4 and 16 clients, passes
# alternating, with the character error rate of each side's text. The pages are those of
# ../shared/corpus/ocr-dev (each also wrapped in a one-page PDF). Starts a DocGrid node of its own
# on a temporary data directory and a free port, with the result cache off, and stops it at the end.
# Usage: ops/bench/vs-ocrmypdf.sh [corpus-dir] [clients] [passes]
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus="$(realpath "${1:-../shared/corpus}")"
clients="${2:-1,4,16}"
passes="${3:-2}"

need=()
command -v ocrmypdf >/dev/null || need+=(ocrmypdf)
command -v img2pdf >/dev/null || need+=(img2pdf)
command -v pdftotext >/dev/null || need+=(poppler-utils)
dpkg -s tesseract-ocr-eng >/dev/null 2>&1 || need+=(tesseract-ocr-eng)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} for the comparison" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

./mvnw -q -B -pl node,ops -am -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true package

source ops/bench/lib.sh
work="$(mktemp -d)"
trap 'kill ${node_pid:-} 2>/dev/null; wait ${node_pid:-} 2>/dev/null || true; rm -rf "$work"' EXIT
export OMP_THREAD_LIMIT=1 # the tesseract CLI's setting too: one thread per page, as DocGrid runs it
start_bench_node "$work"

ocrmypdf --version | sed 's/^/OCRmyPDF /'
tesseract --version 2>&1 | head -1
java -cp "ops/target/docgrid-ops-0.1.0-SNAPSHOT.jar:$(cat ops/target/classpath.txt)" \
  io.docgrid.ops.bench.ScanThroughputComparison "$corpus" "${node_api%/api/v1}" \
  "$node_data/admin.key" "$work/bench" "$clients" "$passes"
