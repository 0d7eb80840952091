import unittest

from docgrid import WebhookVerificationError, verify_webhook

# The example of the Standard Webhooks specification.
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
HEADERS = {
    "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
    "webhook-timestamp": "1614265330",
    "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
}
BODY = b'{"test": 2432232314}'
SENT_AT = 1614265330


class VerifyWebhookTest(unittest.TestCase):
    def test_the_specifications_example_verifies(self):
        verify_webhook(SECRET, HEADERS, BODY, now=SENT_AT + 10)

    def test_any_of_several_signatures_may_match_and_header_case_does_not_matter(self):
        rotating = {name.title(): value for name, value in HEADERS.items()}
        rotating["Webhook-Signature"] = "v1,bm90IHRoaXMgb25l " + HEADERS["webhook-signature"]
        verify_webhook(SECRET, rotating, BODY.decode("utf-8"), now=SENT_AT)

    def test_a_changed_body_is_refused(self):
        with self.assertRaises(WebhookVerificationError):
            verify_webhook(SECRET, HEADERS, b'{"test": 2432232315}', now=SENT_AT)

    def test_another_secret_is_refused(self):
        with self.assertRaises(WebhookVerificationError):
            verify_webhook("whsec_" + "A" * 32, HEADERS, BODY, now=SENT_AT)

    def test_an_old_delivery_is_refused_as_a_replay(self):
        with self.assertRaises(WebhookVerificationError):
            verify_webhook(SECRET, HEADERS, BODY, now=SENT_AT + 301)

    def test_missing_headers_are_named(self):
        with self.assertRaisesRegex(WebhookVerificationError, "webhook-signature"):
            verify_webhook(SECRET, {k: v for k, v in HEADERS.items() if k != "webhook-signature"}, BODY)


if __name__ == "__main__":
    unittest.main()
