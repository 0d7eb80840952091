#!/usr/bin/env bash
# Born-digital PDFs to text: DocGrid next to Apache Tika Server in one run, at 1, 4 and 16 clients,
# passes alternating. Fetches Tika Server from Maven Central, starts it and a DocGrid node of its
# own (defaults, result cache off so that every pass does the work, tier limits raised so that the
# load is not refused), runs the comparison and stops both.
# Usage: ops/bench/vs-tika.sh [corpus-dir] [clients] [passes] [docgrid-options-json]
#   e.g. ops/bench/vs-tika.sh ../shared/corpus/dev 1,4,16 3
# Environment: DOCGRID_JAR (default node/target/docgrid.jar, built if missing) to measure another
# build; DOCGRID_ARGS for extra `docgrid serve` flags (e.g. --isolation none).
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

if [ -z "${DOCGRID_JAR:-}" ] || [ ! -f ops/target/classpath.txt ]; then
  ./mvnw -q -B -pl node,ops -am -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true package
fi
jar="${DOCGRID_JAR:-node/target/docgrid.jar}"

peers=ops/target/peers
tika_jar="$peers/tika-server-standard-$tika_version.jar"
if [ ! -f "$tika_jar" ]; then
  ./mvnw -q -B dependency:copy -Dartifact="org.apache.tika:tika-server-standard:$tika_version" \
    -DoutputDirectory="$peers"
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
work="$(mktemp -d)"
docgrid_port=$(free_port)
tika_port=$(free_port)

# shellcheck disable=SC2086 # DOCGRID_ARGS is a list of flags
java -jar "$jar" serve --data-dir "$work/data" --port "$docgrid_port" --no-result-cache \
  --tier-limit ENTERPRISE.requests-per-minute=100000000,ENTERPRISE.pages-per-hour=100000000 \
  ${DOCGRID_ARGS:-} >"$work/docgrid.log" 2>&1 &
docgrid=$!
java -jar "$tika_jar" --host 127.0.0.1 --port "$tika_port" >"$work/tika.log" 2>&1 &
tika=$!
trap 'kill $docgrid $tika 2>/dev/null; wait $docgrid $tika 2>/dev/null; rm -rf "$work"' EXIT

for _ in $(seq 180); do
  curl -sf "http://127.0.0.1:$docgrid_port/api/v1/ready" >/dev/null \
    && curl -sf "http://127.0.0.1:$tika_port/version" >/dev/null && break
  sleep 1
done
echo "DocGrid $(git rev-parse --short HEAD 2>/dev/null || echo '?') ($jar ${DOCGRID_ARGS:-}), Tika Server $(curl -s "http://127.0.0.1:$tika_port/version")"

java -cp "ops/target/docgrid-ops-0.1.0-SNAPSHOT.jar:$(cat ops/target/classpath.txt)" \
  io.docgrid.ops.bench.TextThroughputComparison "$corpus" "http://127.0.0.1:$tika_port" \
  "http://127.0.0.1:$docgrid_port" "$work/data/admin.key" "$clients" "$passes" "$options"
