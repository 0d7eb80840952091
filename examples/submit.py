"""Submits a document, waits for it, prints its text: python3 examples/submit.py FILE

Needs DOCGRID_API_KEY; DOCGRID_URL defaults to http://127.0.0.1:8080. Uses the client in
clients/python (pip install ./clients/python), found here without installing it too.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "clients", "python"))

from docgrid import Client, DocGridError  # noqa: E402

client = Client(os.environ.get("DOCGRID_URL", "http://127.0.0.1:8080"), os.environ["DOCGRID_API_KEY"])
try:
    job = client.submit(sys.argv[1])
except DocGridError as refused:
    sys.exit(f"refused: {refused}")
if job["status"] != "succeeded":
    sys.exit(f"job {job['id']} {job['status']}: {job.get('error')}")
print(client.result(job["id"], format="text"))
