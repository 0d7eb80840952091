// Receives DocGrid's webhook deliveries, verifies their signatures, prints each verified event:
// node examples/receive_webhooks.mjs PORT
// Listens on 127.0.0.1:PORT. Needs DOCGRID_WEBHOOK_SECRET, the whsec_… secret that creating the
// endpoint answered (see examples/README.md). Answers 401 to a delivery whose signature does not
// match or whose timestamp is more than 5 minutes off. Uses the client in clients/js
// (npm install ./clients/js) for the verification.
import { createServer } from 'node:http';
import { verifyWebhook, WebhookVerificationError } from '../clients/js/index.js';

const secret = process.env.DOCGRID_WEBHOOK_SECRET;
const seen = new Set(); // delivery is at least once: a retried event comes again with the same webhook-id

const server = createServer(async (request, response) => {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const body = Buffer.concat(chunks);
  try {
    await verifyWebhook(secret, request.headers, body); // the raw body, before parsing it
  } catch (e) {
    if (!(e instanceof WebhookVerificationError)) throw e;
    response.writeHead(401).end(e.message);
    return;
  }
  const id = request.headers['webhook-id'];
  if (!seen.has(id)) {
    seen.add(id);
    console.log(body.toString()); // the event: {"type": …, "timestamp": …, "data": …}
  }
  response.writeHead(204).end();
});
server.listen(Number(process.argv[2]), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}/`);
});
