"""Receives DocGrid's webhook deliveries, verifies their signatures, prints each verified event:
python3 examples/receive_webhooks.py PORT

Listens on 127.0.0.1:PORT. Needs DOCGRID_WEBHOOK_SECRET, the whsec_… secret that creating the
endpoint answered (see examples/README.md). Answers 401 to a delivery whose signature does not
match or whose timestamp is more than 5 minutes off. Uses the client in clients/python
(pip install ./clients/python) for the verification.
"""

import os
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "clients", "python"))

from docgrid import WebhookVerificationError, verify_webhook  # noqa: E402

secret = os.environ["DOCGRID_WEBHOOK_SECRET"]
seen = set()  # delivery is at least once: a retried event comes again with the same webhook-id


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            verify_webhook(secret, self.headers, body)  # the raw body, before parsing it
        except WebhookVerificationError as refused:
            self.send_error(401, str(refused))
            return
        if self.headers["webhook-id"] not in seen:
            seen.add(self.headers["webhook-id"])
            print(body.decode(), flush=True)  # the event: {"type": …, "timestamp": …, "data": …}
        self.send_response(204)
        self.end_headers()

    def log_message(self, format, *args):
        pass  # print events only


server = HTTPServer(("127.0.0.1", int(sys.argv[1])), Receiver)
print(f"listening on http://127.0.0.1:{server.server_port}/", flush=True)
server.serve_forever()
