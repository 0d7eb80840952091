#!/usr/bin/env bash
# Submits several documents as one batch, waits for the batch to complete, prints each job's text.
# Usage: examples/batch.sh FILE... Needs DOCGRID_API_KEY; DOCGRID_URL defaults to
# http://127.0.0.1:8080.
set -euo pipefail
url="${DOCGRID_URL:-http://127.0.0.1:8080}"
auth="Authorization: Bearer $DOCGRID_API_KEY"

# One multipart body, a part named file for each document. The answer (202) lists the jobs made,
# in the order of the files, and the problem of any file that could not become a job.
parts=()
for file in "$@"; do parts+=(-F "file=@$file"); done
batch=$(curl -sS --fail-with-body -H "$auth" "${parts[@]}" "$url/api/v1/batches")
if [[ "$batch" == *'"problem":{'* ]]; then echo "$batch" >&2; fi
id=$(grep -o '"id":"[^"]*"' <<<"$batch" | head -n 1 | cut -d'"' -f4)
jobs=$(grep -o '"jobIds":\[[^]]*\]' <<<"$batch" | grep -o '[0-9a-f-]\{36\}' || true)

# The batch is "running" until every job has ended, then "completed".
until curl -sS -H "$auth" "$url/api/v1/batches/$id" | grep -q '"status":"completed"'; do sleep 1; done

for job in $jobs; do
  echo "--- job $job"
  curl -sS -H "$auth" "$url/api/v1/jobs/$job/result?format=text"; echo  # a failed job: its problem
done
