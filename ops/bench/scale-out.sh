#!/usr/bin/env bash
# What a node adds: the same mixed load (born-digital PDFs, scanned pages, office documents; result
# cache off) on one `docgrid serve`, then on a serve and two `docgrid worker`s, all separate
# processes on this machine, joined on the default grid ports (47100 and 47500 onwards must be
# free). Prints each pass and the median pages/s of each grid.
# Usage: ops/bench/scale-out.sh [corpus-root] [clients] [passes]
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus="$(realpath "${1:-../shared/corpus}")"
clients="${2:-8}"
passes="${3:-3}"

./mvnw -q -B -pl node,ops -am -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true \
  -Dgatling.skip=true package

source ops/bench/lib.sh
work="$(mktemp -d)"
nodes=()
stop_nodes() {
  [ ${#nodes[@]} -eq 0 ] && return
  kill "${nodes[@]}" 2>/dev/null || true
  wait "${nodes[@]}" 2>/dev/null || true
  nodes=()
}
trap 'stop_nodes; rm -rf "$work"' EXIT

# Starts a serve and $1 workers on a fresh data directory; returns when the grid has them all.
start_grid() {
  local workers=$1
  mkdir -p "$work/$workers"
  start_bench_node "$work/$workers"
  nodes+=("$node_pid")
  for i in $(seq "$workers"); do
    java -jar node/target/docgrid.jar worker --data-dir "$node_data" --status-port 0 \
      >"$work/worker-$workers-$i.log" 2>&1 &
    nodes+=($!)
  done
  api=$node_api
  key_file="$node_data/admin.key"
  for _ in $(seq 120); do
    joined=$(curl -s -H "Authorization: Bearer $(cat "$key_file")" "$api/cluster" |
      python3 -c 'import json,sys; print(len(json.load(sys.stdin)["nodes"]))' 2>/dev/null || echo 0)
    [ "$joined" -eq $((workers + 1)) ] && break
    sleep 1
  done
  echo "grid of $joined node(s): serve + $workers worker(s)"
}

measure() {
  java -cp "ops/target/docgrid-ops-0.1.0-SNAPSHOT.jar:$(cat ops/target/classpath.txt)" \
    io.docgrid.ops.bench.ScaleOutRun "$corpus" "${api%/api/v1}" "$key_file" "$clients" "$passes"
}

echo "$(nproc) cores; $clients clients; $passes measured passes after one warm-up"
for workers in 0 2; do
  start_grid "$workers"
  measure | tee "$work/result-$workers"
  stop_nodes
  sleep 2
done
echo
echo "| grid | pages/s (median) |"
echo "|---|---|"
for workers in 0 2; do
  echo "| serve + $workers worker(s) | $(grep -o 'median [0-9.]*' "$work/result-$workers" | cut -d' ' -f2) |"
done
