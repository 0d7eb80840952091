"""What the API answers when it refuses or fails: its problem JSON (RFC 9457) as an exception."""

from typing import Any, Mapping, Optional


class DocGridError(Exception):
    """A request that did not succeed.

    ``status`` is the HTTP status (0 when no answer came), ``code`` the stable error code of the
    problem (``FILE_TOO_LARGE``, ``RATE_LIMITED``, ...), ``request_id`` the id to quote to the
    operator, ``retry_after`` the seconds the server asked to wait, if it did.
    """

    def __init__(
        self,
        message: str,
        status: int = 0,
        code: Optional[str] = None,
        request_id: Optional[str] = None,
        retry_after: Optional[float] = None,
        problem: Optional[Mapping[str, Any]] = None,
    ):
        super().__init__(message)
        self.status = status
        self.code = code
        self.request_id = request_id
        self.retry_after = retry_after
        self.problem = dict(problem or {})

    def __str__(self) -> str:
        parts = [super().__str__()]
        if self.code:
            parts.append(f"code={self.code}")
        if self.status:
            parts.append(f"status={self.status}")
        if self.request_id:
            parts.append(f"request_id={self.request_id}")
        return " ".join(parts)


class WebhookVerificationError(Exception):
    """A webhook delivery whose signature or timestamp does not check out."""
