"""Submits several documents as one batch, waits for the batch to complete, prints each job's text:
python3 examples/batch.py FILE...

Needs DOCGRID_API_KEY; DOCGRID_URL defaults to http://127.0.0.1:8080. The client in clients/python
(pip install ./clients/python) has no batch call yet: the batch is sent with urllib, and the
client fetches the results.
"""

import json
import os
import sys
import time
import urllib.error
import urllib.request
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "clients", "python"))

from docgrid import Client  # noqa: E402

url = os.environ.get("DOCGRID_URL", "http://127.0.0.1:8080")
auth = {"Authorization": f"Bearer {os.environ['DOCGRID_API_KEY']}"}


def call(path, body=None, content_type=None):
    headers = dict(auth, **({"Content-Type": content_type} if content_type else {}))
    try:
        with urllib.request.urlopen(urllib.request.Request(url + path, body, headers)) as answer:
            return json.load(answer)
    except urllib.error.HTTPError as refused:  # problem JSON: code, detail, requestId
        sys.exit(f"refused: {refused.read().decode()}")


# One multipart body, a part named file for each document.
boundary = uuid.uuid4().hex
body = b""
for path in sys.argv[1:]:
    with open(path, "rb") as file:
        body += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{os.path.basename(path)}"\r\n\r\n'
        ).encode() + file.read() + b"\r\n"
body += f"--{boundary}--\r\n".encode()
batch = call("/api/v1/batches", body, f"multipart/form-data; boundary={boundary}")
for item in batch["items"]:  # in the order of the files: the job made, or why none was
    if item["problem"]:
        print(f"{sys.argv[1 + item['index']]}: {item['problem']['code']}", file=sys.stderr)

# The batch is "running" until every job has ended, then "completed".
while call(f"/api/v1/batches/{batch['id']}")["status"] != "completed":
    time.sleep(1)

client = Client(url, os.environ["DOCGRID_API_KEY"])
for job_id in batch["jobIds"]:
    job = client.job(job_id)
    print(f"--- {job['document']['fileName']} (job {job_id}, {job['status']})")
    if job["status"] == "succeeded":
        print(client.result(job_id, format="text"))
