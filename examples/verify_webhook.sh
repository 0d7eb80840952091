#!/usr/bin/env bash
# Verifies one webhook delivery as DocGrid signs it (Standard Webhooks v1), with openssl: exits 0
# and prints "verified" when one of its signatures matches and its timestamp is at most 5 minutes
# off, else says why on standard error and exits 1. A shell has no HTTP server: whatever receives
# the delivery saves its body as received and passes its three headers.
# Usage: examples/verify_webhook.sh BODY_FILE WEBHOOK_ID WEBHOOK_TIMESTAMP WEBHOOK_SIGNATURE
# Needs DOCGRID_WEBHOOK_SECRET, the whsec_… secret that creating the endpoint answered.
set -euo pipefail
body="$1" id="$2" timestamp="$3" signatures="$4"

now=$(date +%s)
if [[ ! "$timestamp" =~ ^[0-9]{1,12}$ ]] || (( 10#$timestamp < now - 300 || 10#$timestamp > now + 300 )); then
  echo "webhook-timestamp is more than 5 minutes off" >&2; exit 1
fi
# The key is the secret after whsec_, base64-decoded. openssl takes it in hex on its command line,
# where other users of the machine can see it (ps): run this where only you do.
key=$(printf '%s' "${DOCGRID_WEBHOOK_SECRET#whsec_}" | base64 -d | od -An -v -tx1 | tr -d ' \n')
expected="v1,$({ printf '%s.%s.' "$id" "$timestamp"; cat "$body"; } \
  | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key" -binary | base64)"
for signature in $signatures; do   # several during a secret's rotation, space-separated
  if [[ "$signature" == "$expected" ]]; then echo verified; exit 0; fi
done
echo "no signature matches" >&2; exit 1
