#!/usr/bin/env bash
# Born-digital PDFs to text: DocGrid next to Apache Tika Server in one run, at 1, 4 and 16 clients,
# passes alternating. Fetches Tika Server from Maven Central, starts it and a DocGrid node of its
# own (defaults, result cache off so that every pass does the work, tier limits raised so that the
# load is not refused), runs the comparison and stops both.
# Usage: ops/bench/vs-tika.sh [corpus-dir] [clients] [passes] [docgrid-options-json]
#   e.g. ops/bench/vs-tika.sh ../shared/corpus/dev 1,4,16 3
# Environment: BENCH_JAR (default node/target/docgrid.jar, built if missing) to measure another
# build; BENCH_NODE_ARGS for extra `docgrid serve` flags (e.g. --isolation none). Not DOCGRID_*:
# a node refuses to start with DOCGRID_* variables it does not know.
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus="$(realpath "${1:-../shared/corpus/dev}")"
clients="${2:-1,4,16}"
passes="${3:-3}"
options="${4:-}"
tika_version=3.3.2

command -v pdfinfo >/dev/null || {
  echo "installing poppler-utils (pdfinfo counts pages of corpora without a manifest)" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
}

if [ -z "${BENCH_JAR:-}" ] || [ ! -f ops/target/classpath.txt ]; then
  ./mvnw -q -B -pl node,ops -am -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true package
fi
jar="${BENCH_JAR:-node/target/docgrid.jar}"

peers=ops/target/peers
tika_jar="$peers/tika-server-standard-$tika_version.jar"
if [ ! -f "$tika_jar" ]; then
  # The standalone server jar carries its dependencies, so it is fetched as a file, checked against
  # Maven Central's SHA-1: resolving it as an artifact would need its parent POMs as well.
  central="https://repo.maven.apache.org/maven2/org/apache/tika/tika-server-standard/$tika_version"
  mkdir -p "$peers"
  curl -sfL -o "$tika_jar.part" "$central/tika-server-standard-$tika_version.jar"
  [ "$(sha1sum <"$tika_jar.part" | cut -d' ' -f1)" = "$(curl -sfL "$central/tika-server-standard-$tika_version.jar.sha1" | cut -c1-40)" ] ||
    { echo "tika-server-standard-$tika_version.jar does not match its SHA-1" >&2; exit 1; }
  mv "$tika_jar.part" "$tika_jar"
fi

source ops/bench/lib.sh
work="$(mktemp -d)"
tika_port=$(free_port)
java -jar "$tika_jar" --host 127.0.0.1 --port "$tika_port" >"$work/tika.log" 2>&1 &
tika=$!
trap 'kill ${node_pid:-} $tika 2>/dev/null; wait ${node_pid:-} $tika 2>/dev/null || true; rm -rf "$work"' EXIT
# shellcheck disable=SC2086 # BENCH_NODE_ARGS is a list of flags
BENCH_JAR="$jar" start_bench_node "$work" ${BENCH_NODE_ARGS:-}
wait_for "http://127.0.0.1:$tika_port/version"
echo "DocGrid $(git rev-parse --short HEAD 2>/dev/null || echo '?') ($jar ${BENCH_NODE_ARGS:-}), Tika Server $(curl -s "http://127.0.0.1:$tika_port/version")"

java -cp "ops/target/docgrid-ops-0.1.0-SNAPSHOT.jar:$(cat ops/target/classpath.txt)" \
  io.docgrid.ops.bench.TextThroughputComparison "$corpus" "http://127.0.0.1:$tika_port" \
  "${node_api%/api/v1}" "$node_data/admin.key" "$clients" "$passes" "$options"
