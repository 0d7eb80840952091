"""The DocGrid API as Python calls: submit, follow, fetch, cancel, list."""

import json
import os
import random
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any, Callable, Dict, Iterable, Iterator, Mapping, Optional, Union

from .errors import DocGridError

JOBS = "/api/v1/jobs"
FINISHED = ("succeeded", "failed", "cancelled")
LONGEST_WAIT = 60  # seconds the server holds a long poll at most
RETRIED_STATUSES = (429, 502, 503, 504)
CHUNK = 64 * 1024

Document = Union[str, "os.PathLike[str]", bytes, Any]


class Client:
    """A client of one DocGrid service.

    Every call retries what is safe to retry (connection failures, 429, 502, 503, 504) up to
    ``max_retries`` times, waiting what the server's ``Retry-After`` asks or else an exponential
    backoff with jitter. Submissions carry an ``Idempotency-Key`` (one is made when none is given),
    so that a retried submission never makes a second job. Failures raise ``DocGridError`` with the
    problem's ``code`` and ``request_id``.
    """

    def __init__(
        self,
        url: str,
        api_key: Optional[str] = None,
        timeout: float = 90.0,
        max_retries: int = 4,
        backoff: float = 0.5,
    ):
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff

    def submit(
        self,
        document: Document,
        options: Optional[Mapping[str, Any]] = None,
        wait: bool = True,
        idempotency_key: Optional[str] = None,
        file_name: Optional[str] = None,
        wait_timeout: float = 600.0,
    ) -> Dict[str, Any]:
        """Uploads a document (a path, bytes or a binary file) and returns its job, waited for
        until it finishes when ``wait`` (or until ``wait_timeout`` seconds have passed)."""
        name, size, chunks = _document(document, file_name)
        body = _Multipart(name, size, chunks, options)
        headers = {
            "Content-Type": body.content_type,
            "Idempotency-Key": idempotency_key or str(uuid.uuid4()),
        }
        if wait:
            headers["Prefer"] = f"wait={min(LONGEST_WAIT, max(1, int(wait_timeout)))}"
        started = time.monotonic()
        job = self._json("POST", JOBS, body=body, headers=headers, length=body.length)
        if not wait:
            return job
        return self.wait(job["id"], wait_timeout - (time.monotonic() - started))

    def job(self, job_id: str, wait: float = 0) -> Dict[str, Any]:
        """The job as it stands; with ``wait``, once it finishes or after that many seconds."""
        headers = {"Prefer": f"wait={min(LONGEST_WAIT, int(wait))}"} if wait >= 1 else {}
        return self._json("GET", f"{JOBS}/{_segment(job_id)}", headers=headers)

    def wait(self, job_id: str, timeout: float = 600.0) -> Dict[str, Any]:
        """Long-polls the job until it finishes or ``timeout`` seconds pass; returns it as it is."""
        deadline = time.monotonic() + timeout
        job = self.job(job_id)
        while job["status"] not in FINISHED:
            left = deadline - time.monotonic()
            if left < 1:
                break
            job = self.job(job_id, wait=min(LONGEST_WAIT, left))
        return job

    def result(self, job_id: str, format: str = "json") -> Union[Dict[str, Any], str, bytes]:
        """The job's result: a dict for ``json``; text for ``text``, ``markdown`` and ``hocr``;
        bytes for ``pdf`` (a searchable PDF)."""
        path = f"{JOBS}/{_segment(job_id)}/result?" + urllib.parse.urlencode({"format": format})
        content = self._send("GET", path).body
        if format == "json":
            return json.loads(content)
        if format == "pdf":
            return content
        return content.decode("utf-8")

    def cancel(self, job_id: str) -> Dict[str, Any]:
        """Cancels a queued or running job, or deletes a finished job's document and result."""
        return self._json("DELETE", f"{JOBS}/{_segment(job_id)}")

    def jobs(self, page_size: int = 100) -> Iterator[Dict[str, Any]]:
        """Every job the key may see, newest first, fetched a page at a time."""
        cursor: Optional[str] = None
        while True:
            query = {"limit": page_size}
            if cursor:
                query["cursor"] = cursor
            page = self._json("GET", f"{JOBS}?" + urllib.parse.urlencode(query))
            yield from page["items"]
            cursor = page.get("nextCursor")
            if not cursor:
                return

    def _json(self, method: str, path: str, **request: Any) -> Dict[str, Any]:
        return json.loads(self._send(method, path, **request).body)

    def _send(
        self,
        method: str,
        path: str,
        body: Optional[Callable[[], Iterable[bytes]]] = None,
        headers: Optional[Mapping[str, str]] = None,
        length: Optional[int] = None,
    ) -> "_Answer":
        all_headers = {"Accept": "application/json, */*", "User-Agent": "docgrid-python/0.1.0"}
        if self.api_key:
            all_headers["Authorization"] = f"Bearer {self.api_key}"
        all_headers.update(headers or {})
        if length is not None:
            all_headers["Content-Length"] = str(length)
        attempt = 0
        while True:
            request = urllib.request.Request(
                self.url + path, data=body() if body else None, headers=all_headers, method=method
            )
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return _Answer(response.status, response.headers, response.read())
            except urllib.error.HTTPError as answer:
                failure = _problem(answer.code, answer.headers, answer.read())
                if answer.code not in RETRIED_STATUSES or attempt >= self.max_retries:
                    raise failure from None
                delay = failure.retry_after
            except (urllib.error.URLError, ConnectionError, TimeoutError) as broken:
                if attempt >= self.max_retries:
                    raise DocGridError(f"{method} {path}: {broken}") from broken
                delay = None
            time.sleep(delay if delay is not None else self._backoff(attempt))
            attempt += 1

    def _backoff(self, attempt: int) -> float:
        return self.backoff * (2**attempt) * random.uniform(0.8, 1.2)


class _Answer:
    def __init__(self, status: int, headers: Any, body: bytes):
        self.status = status
        self.headers = headers
        self.body = body


class _Multipart:
    """A multipart/form-data body with an ``options`` part and a ``file`` part, streamed anew for
    every try."""

    def __init__(
        self,
        name: str,
        size: int,
        chunks: Callable[[], Iterable[bytes]],
        options: Optional[Mapping[str, Any]],
    ):
        boundary = "docgrid-" + uuid.uuid4().hex
        self.content_type = f"multipart/form-data; boundary={boundary}"
        head = b""
        if options is not None:
            head += (
                f'--{boundary}\r\nContent-Disposition: form-data; name="options"\r\n'
                "Content-Type: application/json\r\n\r\n"
            ).encode("utf-8") + json.dumps(options).encode("utf-8") + b"\r\n"
        quoted = name.replace("\\", "\\\\").replace('"', '\\"')
        head += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{quoted}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode("utf-8")
        self._head = head
        self._tail = f"\r\n--{boundary}--\r\n".encode("ascii")
        self._chunks = chunks
        self.length = len(head) + size + len(self._tail)

    def __call__(self) -> Iterable[bytes]:
        yield self._head
        yield from self._chunks()
        yield self._tail


def _document(document: Document, file_name: Optional[str]):
    """The document's name, size and a way to read its bytes again for each try."""
    if isinstance(document, (bytes, bytearray)):
        content = bytes(document)
        return file_name or "document", len(content), lambda: [content]
    if isinstance(document, (str, os.PathLike)):
        path = os.fspath(document)

        def read() -> Iterator[bytes]:
            with open(path, "rb") as file:
                for chunk in iter(lambda: file.read(CHUNK), b""):
                    yield chunk

        return file_name or os.path.basename(path), os.path.getsize(path), read
    content = document.read()
    name = file_name or os.path.basename(getattr(document, "name", "") or "document")
    return name, len(content), lambda: [content]


def _segment(value: str) -> str:
    return urllib.parse.quote(str(value), safe="")


def _problem(status: int, headers: Any, body: bytes) -> DocGridError:
    retry_after = headers.get("Retry-After") if headers else None
    request_id = headers.get("X-Request-Id") if headers else None
    problem: Dict[str, Any] = {}
    try:
        problem = json.loads(body) if body else {}
    except ValueError:
        pass
    message = problem.get("detail") or problem.get("title") or f"HTTP {status}"
    return DocGridError(
        message,
        status=status,
        code=problem.get("code"),
        request_id=problem.get("requestId") or request_id,
        retry_after=float(retry_after) if retry_after and retry_after.isdigit() else None,
        problem=problem,
    )
