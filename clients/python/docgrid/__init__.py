"""A client for the DocGrid API, on the standard library only.

    from docgrid import Client
    client = Client("http://127.0.0.1:8080", api_key)
    job = client.submit("report.pdf")            # waits for the job by default
    print(client.result(job["id"], format="text"))
"""

from .client import Client
from .errors import DocGridError, WebhookVerificationError
from .webhooks import verify_webhook

__all__ = ["Client", "DocGridError", "WebhookVerificationError", "verify_webhook"]
__version__ = "0.1.0"
