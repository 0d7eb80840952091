#!/usr/bin/env bash
# Submits a document, waits for it, prints its text. Usage: examples/submit.sh FILE
# Needs DOCGRID_API_KEY; DOCGRID_URL defaults to http://127.0.0.1:8080.
set -euo pipefail
file="$1"
url="${DOCGRID_URL:-http://127.0.0.1:8080}"
auth="Authorization: Bearer $DOCGRID_API_KEY"

# One round trip when the job finishes within 60 s: the answer is the text itself (200). A slow
# job answers 202 with the job, which is then long-polled until it finishes.
answer=$(mktemp)
trap 'rm -f "$answer"' EXIT
read -r status type < <(curl -sS -o "$answer" -w '%{http_code} %{content_type}\n' -H "$auth" \
  -H 'Prefer: wait=60, return=representation' -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" \
  -F "file=@$file" "$url/api/v1/jobs?format=text")
case "$status" in
  200)
    if [[ "$type" == application/json* ]]; then   # a job that failed: the job, with its error
      cat "$answer" >&2; echo >&2; exit 1
    fi
    cat "$answer"; echo ;;
  202)
    id=$(grep -o '"id":"[^"]*"' "$answer" | head -n 1 | cut -d'"' -f4)
    while :; do
      job=$(curl -sS -H "$auth" -H 'Prefer: wait=60' "$url/api/v1/jobs/$id")
      case "$job" in
        *'"status":"succeeded"'*) curl -sS -H "$auth" "$url/api/v1/jobs/$id/result?format=text"; echo; break ;;
        *'"status":"failed"'*|*'"status":"cancelled"'*) echo "$job" >&2; exit 1 ;;
      esac
    done ;;
  *) cat "$answer" >&2; echo >&2; exit 1 ;;
esac
