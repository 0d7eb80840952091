"""The client against a real DocGrid node (DOCGRID_URL and DOCGRID_API_KEY, as the node module's
PythonClientIT sets them), and its retries against a local stand-in that answers as told."""

import http.server
import json
import os
import tempfile
import threading
import time
import unittest
import uuid

from docgrid import Client, DocGridError

URL = os.environ.get("DOCGRID_URL")
KEY = os.environ.get("DOCGRID_API_KEY")
MAX_UPLOAD_BYTES = int(os.environ.get("DOCGRID_MAX_UPLOAD_BYTES", "0"))


@unittest.skipUnless(URL and KEY, "needs DOCGRID_URL and DOCGRID_API_KEY of a running node")
class AgainstANodeTest(unittest.TestCase):
    def setUp(self):
        self.client = Client(URL, KEY)

    def test_a_document_is_submitted_waited_for_and_read_back_in_two_formats(self):
        text = "The quick brown fox " + uuid.uuid4().hex + " jumps over the lazy dog."
        job = self.client.submit(text.encode("utf-8"), file_name="fox.txt")
        self.assertEqual("succeeded", job["status"], job)
        self.assertIn(text, self.client.result(job["id"], format="text"))
        result = self.client.result(job["id"])
        self.assertIn(text, result["pages"][0]["text"])

    def test_a_file_on_disk_is_streamed_and_a_repeated_idempotency_key_gives_the_same_job(self):
        with tempfile.NamedTemporaryFile("wb", suffix=".txt", delete=False) as file:
            file.write(("Lines of a file on disk " + uuid.uuid4().hex + ".\n").encode() * 2000)
        try:
            key = "python-" + uuid.uuid4().hex
            first = self.client.submit(file.name, idempotency_key=key)
            again = self.client.submit(file.name, idempotency_key=key)
        finally:
            os.unlink(file.name)
        self.assertEqual(first["id"], again["id"])
        self.assertEqual(os.path.basename(file.name), first["document"]["fileName"])

    def test_submitting_without_waiting_then_waiting_and_listing(self):
        ids = {self.client.submit(f"Document {n}.".encode(), wait=False)["id"] for n in range(3)}
        for job_id in ids:
            self.assertEqual("succeeded", self.client.wait(job_id, timeout=60)["status"])
        listed = set()
        for job in self.client.jobs(page_size=1):
            listed.add(job["id"])
            if ids <= listed:
                break
        self.assertLessEqual(ids, listed)

    def test_a_refusal_raises_with_the_problems_code_and_request_id(self):
        with self.assertRaises(DocGridError) as refused:
            self.client.submit(b"", file_name="empty.txt")
        self.assertEqual(400, refused.exception.status)
        self.assertEqual("EMPTY_FILE", refused.exception.code)
        self.assertTrue(refused.exception.request_id)
        with self.assertRaises(DocGridError) as unknown:
            self.client.job(str(uuid.uuid4()))
        self.assertEqual(404, unknown.exception.status)
        self.assertEqual("NOT_FOUND", unknown.exception.code)

    def test_a_wrong_key_is_refused(self):
        with self.assertRaises(DocGridError) as refused:
            Client(URL, "not-a-key").job(str(uuid.uuid4()))
        self.assertEqual(401, refused.exception.status)

    @unittest.skipUnless(MAX_UPLOAD_BYTES, "needs DOCGRID_MAX_UPLOAD_BYTES, the node's file limit")
    def test_a_file_over_the_limit_is_refused_with_413(self):
        with self.assertRaises(DocGridError) as refused:
            self.client.submit(b"x" * (MAX_UPLOAD_BYTES + 1), file_name="big.txt")
        self.assertEqual(413, refused.exception.status)
        self.assertEqual("FILE_TOO_LARGE", refused.exception.code)

    def test_a_failed_job_is_returned_and_its_result_refused(self):
        job = self.client.submit(b"%PDF-1.7\n1 0 obj <</Type /Catalog", file_name="broken.pdf")
        self.assertEqual("failed", job["status"])
        self.assertEqual("DOCUMENT_CORRUPT", job["error"]["code"])
        with self.assertRaises(DocGridError) as refused:
            self.client.result(job["id"], format="text")
        self.assertEqual(409, refused.exception.status)
        self.assertEqual("JOB_FAILED", refused.exception.code)

    def test_a_cancelled_or_finished_job_answers_cancel_with_the_job(self):
        job = self.client.submit(b"Cancel me.", file_name="cancel.txt", wait=False)
        cancelled = self.client.cancel(job["id"])
        self.assertEqual(job["id"], cancelled["id"])


class _StandIn(http.server.BaseHTTPRequestHandler):
    """Answers each request with the next of ``answers``: (status, headers, body)."""

    answers = []
    seen = []

    def do_GET(self):
        _StandIn.seen.append((time.monotonic(), dict(self.headers)))
        status, headers, body = _StandIn.answers.pop(0)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class RetriesTest(unittest.TestCase):
    def setUp(self):
        self.server = http.server.HTTPServer(("127.0.0.1", 0), _StandIn)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        _StandIn.seen.clear()

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()

    def test_a_429_is_retried_after_the_retry_after_the_server_asked_for(self):
        limited = json.dumps({"code": "RATE_LIMITED", "requestId": "r1"}).encode()
        job = json.dumps({"id": "j1", "status": "succeeded"}).encode()
        _StandIn.answers[:] = [
            (429, {"Retry-After": "1", "Content-Type": "application/problem+json"}, limited),
            (200, {"Content-Type": "application/json"}, job),
        ]
        self.assertEqual("j1", Client(self.url, "k", backoff=0.01).job("j1")["id"])
        self.assertEqual(2, len(_StandIn.seen))
        self.assertGreaterEqual(_StandIn.seen[1][0] - _StandIn.seen[0][0], 0.95)
        self.assertEqual("Bearer k", _StandIn.seen[1][1]["Authorization"])

    def test_retries_stop_after_max_retries_with_the_last_problem(self):
        busy = json.dumps({"code": "QUEUE_FULL", "detail": "Busy.", "requestId": "r2"}).encode()
        _StandIn.answers[:] = [(503, {}, busy)] * 3
        with self.assertRaises(DocGridError) as failed:
            Client(self.url, "k", max_retries=2, backoff=0.01).job("j1")
        self.assertEqual((503, "QUEUE_FULL", "r2"), (failed.exception.status, failed.exception.code, failed.exception.request_id))
        self.assertEqual(3, len(_StandIn.seen))

    def test_a_client_error_is_not_retried(self):
        _StandIn.answers[:] = [(404, {"X-Request-Id": "r3"}, b"")]
        with self.assertRaises(DocGridError) as missing:
            Client(self.url, "k", backoff=0.01).job("j1")
        self.assertEqual("r3", missing.exception.request_id)
        self.assertEqual(1, len(_StandIn.seen))


if __name__ == "__main__":
    unittest.main()
