import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verifyWebhook, WebhookVerificationError } from '../index.js';

// The example of the Standard Webhooks specification.
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const HEADERS = {
  'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  'webhook-timestamp': '1614265330',
  'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const BODY = '{"test": 2432232314}';
const SENT_AT = 1614265330;

test('the specification example verifies, from a Headers object too', async () => {
  await verifyWebhook(SECRET, HEADERS, BODY, { now: SENT_AT + 10 });
  await verifyWebhook(SECRET, new Headers(HEADERS), new TextEncoder().encode(BODY), { now: SENT_AT });
});

test('any of several signatures may match', async () => {
  const rotating = { ...HEADERS, 'Webhook-Signature': `v1,bm90IHRoaXMgb25l ${HEADERS['webhook-signature']}` };
  delete rotating['webhook-signature'];
  await verifyWebhook(SECRET, rotating, BODY, { now: SENT_AT });
});

test('a changed body, another secret and an old delivery are refused', async () => {
  await assert.rejects(verifyWebhook(SECRET, HEADERS, '{"test": 2432232315}', { now: SENT_AT }), WebhookVerificationError);
  await assert.rejects(verifyWebhook(`whsec_${'A'.repeat(32)}`, HEADERS, BODY, { now: SENT_AT }), WebhookVerificationError);
  await assert.rejects(verifyWebhook(SECRET, HEADERS, BODY, { now: SENT_AT + 301 }), /too far from now/);
});
