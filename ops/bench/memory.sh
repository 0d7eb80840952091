#!/usr/bin/env bash
# Memory under long documents and big uploads: a node of its own (defaults, result cache off, the
# job timeout raised so that a slow machine still finishes the scan) takes
# a 1,000-page born-digital PDF, a 300-page scanned PDF and 20 uploads of 99 MB at once, while the
# resident memory of the node's JVM and of its extraction children is sampled twice a second and
# the node's heap read from its metrics. Prints the peaks of each phase.
# Usage: ops/bench/memory.sh [corpus-dir] [text-pages] [scanned-pages]
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus="$(realpath "${1:-../shared/corpus}")"
text_pages="${2:-1000}"
scanned_pages="${3:-300}"

./mvnw -q -B -pl node,ops -am -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true \
  -Dgatling.skip=true package

source ops/bench/lib.sh
work="$(mktemp -d)"
trap 'kill ${node_pid:-} 2>/dev/null; wait ${node_pid:-} 2>/dev/null || true; rm -rf "$work"' EXIT
java -cp "ops/target/docgrid-ops-0.1.0-SNAPSHOT.jar:$(cat ops/target/classpath.txt)" \
  io.docgrid.ops.bench.LargeDocuments "$corpus" "$work/docs" "$text_pages" "$scanned_pages" 2>/dev/null
head -c 9 <<<'%PDF-1.7' >"$work/docs/upload.pdf"
head -c $((99 * 1024 * 1024)) /dev/urandom >>"$work/docs/upload.pdf"

start_bench_node "$work" --job-timeout 60m
node=$node_pid
key=$(cat "$node_data/admin.key")
api=$node_api

rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
heap_bytes() {
  curl -s -H "Authorization: Bearer $key" "$api/metrics" |
    awk '/^jvm_memory_bytes_used\{area="heap"/ {printf "%d", $2}'
}

# Samples until the file $work/stop exists; writes the peaks to $work/peaks.
sample() {
  local node_peak=0 children_peak=0 total_peak=0 heap_peak=0
  while [ ! -f "$work/stop" ]; do
    local n c=0 h
    n=$(rss_kib "$node")
    for child in $(pgrep -P "$node" || true); do c=$((c + $(rss_kib "$child"))); done
    h=$(heap_bytes || echo 0)
    [ "$n" -gt "$node_peak" ] && node_peak=$n
    [ "$c" -gt "$children_peak" ] && children_peak=$c
    [ $((n + c)) -gt "$total_peak" ] && total_peak=$((n + c))
    [ "${h:-0}" -gt "$heap_peak" ] && heap_peak=${h:-0}
    sleep 0.5
  done
  echo "$((node_peak / 1024)) $((children_peak / 1024)) $((total_peak / 1024)) $((heap_peak / 1048576))" >"$work/peaks"
}

phase() {
  local name=$1
  shift
  rm -f "$work/stop" "$work/peaks"
  sample &
  local sampler=$!
  local started=$SECONDS
  "$@"
  touch "$work/stop"
  wait "$sampler"
  read -r node_mib children_mib total_mib heap_mib <"$work/peaks"
  printf '| %s | %d s | %d MiB | %d MiB | %d MiB | %d MiB |\n' "$name" $((SECONDS - started)) \
    "$node_mib" "$children_mib" "$total_mib" "$heap_mib"
}

submit_and_wait() {
  local id status
  id=$(curl -s -H "Authorization: Bearer $key" -F "file=@$1" "$api/jobs" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  status=queued
  while [ "$status" != succeeded ] && [ "$status" != failed ]; do
    status=$(curl -s -H "Authorization: Bearer $key" -H 'Prefer: wait=60' "$api/jobs/$id" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
  done
  curl -s -o /dev/null -H "Authorization: Bearer $key" "$api/jobs/$id/result?format=text"
  echo "$(basename "$1"): $status" >&2
}

twenty_uploads() {
  local uploads=()
  for _ in $(seq 20); do
    curl -s -o /dev/null -H "Authorization: Bearer $key" -F "file=@$work/docs/upload.pdf" "$api/jobs" &
    uploads+=($!)
  done
  wait "${uploads[@]}"
}

echo "| phase | time | node JVM RSS peak | extraction children RSS peak | together | node heap used peak |"
echo "|---|---|---|---|---|---|"
phase "idle, after start" sleep 5
phase "born-digital PDF, $text_pages pages" submit_and_wait "$work/docs/born-digital-$text_pages.pdf"
phase "scanned PDF, $scanned_pages pages (OCR)" submit_and_wait "$work/docs/scanned-$scanned_pages.pdf"
phase "20 uploads of 99 MB at once" twenty_uploads
heap_max=$(curl -s -H "Authorization: Bearer $key" "$api/metrics" |
  awk '/^jvm_memory_bytes_max\{area="heap"/ {printf "%d", $2 / 1048576}')
echo
echo "node heap limit: $heap_max MiB; extraction children: --worker-heap each"
