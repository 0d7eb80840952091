# Shared by the benchmark scripts (sourced, not run): free ports and a DocGrid node of their own.

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits up to $2 seconds (default 180) until $1 answers 2xx.
wait_for() {
  for _ in $(seq "${2:-180}"); do
    curl -sf "$1" >/dev/null && return 0
    sleep 1
  done
  echo "no answer from $1" >&2
  return 1
}

# Starts `docgrid serve` from $BENCH_JAR (default node/target/docgrid.jar) on a fresh data
# directory under $1, on a free port, with the result cache off (every pass does the work) and the
# tier limits raised (the load is measured, not refused); further arguments are extra flags. Sets
# node_pid, node_port, node_data and node_api, and returns when the node is ready.
start_bench_node() {
  local work=$1
  shift
  node_port=$(free_port)
  node_data="$work/data"
  node_api="http://127.0.0.1:$node_port/api/v1"
  java -jar "${BENCH_JAR:-node/target/docgrid.jar}" serve --data-dir "$node_data" \
    --port "$node_port" --no-result-cache \
    --tier-limit ENTERPRISE.requests-per-minute=100000000,ENTERPRISE.pages-per-hour=100000000 \
    "$@" >"$work/serve.log" 2>&1 &
  node_pid=$!
  wait_for "$node_api/ready"
}
