"""Verifying webhook deliveries (Standard Webhooks v1), as DocGrid signs them."""

import base64
import hashlib
import hmac
import time
from typing import Mapping, Optional, Union

from .errors import WebhookVerificationError

SECRET_PREFIX = "whsec_"


def verify_webhook(
    secret: str,
    headers: Mapping[str, str],
    body: Union[bytes, str],
    tolerance_seconds: int = 300,
    now: Optional[float] = None,
) -> None:
    """Raises WebhookVerificationError unless one of the delivery's signatures is the HMAC of
    ``secret`` over its id, timestamp and body, and its timestamp is within ``tolerance_seconds``
    of now (which stops replays). ``headers`` may use any capitalisation; ``body`` must be the
    bytes as received, not re-serialised JSON.
    """
    lower = {name.lower(): value for name, value in headers.items()}
    try:
        message_id = lower["webhook-id"]
        timestamp = lower["webhook-timestamp"]
        signatures = lower["webhook-signature"]
    except KeyError as missing:
        raise WebhookVerificationError(f"missing header {missing.args[0]}") from None
    try:
        sent_at = int(timestamp)
    except ValueError:
        raise WebhookVerificationError("webhook-timestamp is not a number of seconds") from None
    current = time.time() if now is None else now
    if abs(current - sent_at) > tolerance_seconds:
        raise WebhookVerificationError("webhook-timestamp is too far from now")
    if isinstance(body, str):
        body = body.encode("utf-8")
    key = base64.b64decode(secret[len(SECRET_PREFIX):] if secret.startswith(SECRET_PREFIX) else secret)
    signed = message_id.encode("utf-8") + b"." + timestamp.encode("utf-8") + b"." + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode("ascii")
    for candidate in signatures.split(" "):
        version, _, signature = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(signature, expected):
            return
    raise WebhookVerificationError("no signature matches")
