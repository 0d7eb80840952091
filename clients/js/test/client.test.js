// The client against a real DocGrid node (DOCGRID_URL and DOCGRID_API_KEY, as the node module's
// JsClientIT sets them), and its retries against a local stand-in that answers as told.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { writeFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test, before, after } from 'node:test';
import { DocGrid, DocGridError } from '../index.js';

const URL = process.env.DOCGRID_URL;
const KEY = process.env.DOCGRID_API_KEY;
const MAX_UPLOAD_BYTES = Number(process.env.DOCGRID_MAX_UPLOAD_BYTES ?? 0);

describe('against a node', { skip: !(URL && KEY) && 'needs DOCGRID_URL and DOCGRID_API_KEY of a running node' }, () => {
  const dg = new DocGrid({ url: URL ?? 'http://unused', apiKey: KEY });

  test('a document is submitted, waited for and read back in two formats', async () => {
    const text = `The quick brown fox ${randomUUID()} jumps over the lazy dog.`;
    const job = await dg.submit(new TextEncoder().encode(text), { fileName: 'fox.txt' });
    assert.equal(job.status, 'succeeded', JSON.stringify(job));
    assert.ok((await dg.result(job.id, { format: 'text' })).includes(text));
    assert.ok((await dg.result(job.id)).pages[0].text.includes(text));
  });

  test('a file path and a Blob, with a repeated Idempotency-Key giving the same job', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'docgrid-js-'));
    const file = join(dir, 'lines.txt');
    await writeFile(file, `Lines of a file on disk ${randomUUID()}.\n`.repeat(2000));
    try {
      const idempotencyKey = `js-${randomUUID()}`;
      const first = await dg.submit(file, { idempotencyKey });
      const again = await dg.submit(file, { idempotencyKey });
      assert.equal(again.id, first.id);
      assert.equal(first.document.fileName, 'lines.txt');
    } finally {
      await rm(dir, { recursive: true });
    }
    const blob = await dg.submit(new Blob(['A blob of text.']), { fileName: 'blob.txt' });
    assert.equal(blob.status, 'succeeded');
  });

  test('submitting without waiting, then waiting and listing page by page', async () => {
    const ids = new Set();
    for (let n = 0; n < 3; n++) ids.add((await dg.submit(new TextEncoder().encode(`Document ${n}.`), { wait: false, fileName: 'n.txt' })).id);
    for (const id of ids) assert.equal((await dg.wait(id, { timeoutMs: 60_000 })).status, 'succeeded');
    const listed = new Set();
    for await (const job of dg.jobs({ pageSize: 1 })) {
      listed.add(job.id);
      if ([...ids].every((id) => listed.has(id))) break;
    }
    for (const id of ids) assert.ok(listed.has(id));
  });

  test('a refusal rejects with the problem code and request id', async () => {
    await assert.rejects(dg.submit(new Uint8Array(0), { fileName: 'empty.txt' }), (e) => {
      assert.ok(e instanceof DocGridError);
      assert.equal(e.status, 400);
      assert.equal(e.code, 'EMPTY_FILE');
      assert.ok(e.requestId);
      return true;
    });
    await assert.rejects(dg.job(randomUUID()), (e) => e.status === 404 && e.code === 'NOT_FOUND');
    await assert.rejects(new DocGrid({ url: URL, apiKey: 'not-a-key' }).job(randomUUID()), (e) => e.status === 401);
  });

  test('a file over the limit is refused with 413', { skip: !MAX_UPLOAD_BYTES && 'needs DOCGRID_MAX_UPLOAD_BYTES, the node\'s file limit' }, async () => {
    const big = new Uint8Array(MAX_UPLOAD_BYTES + 1).fill(120);
    await assert.rejects(dg.submit(big, { fileName: 'big.txt' }), (e) => e.status === 413 && e.code === 'FILE_TOO_LARGE');
  });

  test('a failed job is returned and its result refused', async () => {
    const job = await dg.submit(new TextEncoder().encode('%PDF-1.7\n1 0 obj <</Type /Catalog'), { fileName: 'broken.pdf' });
    assert.equal(job.status, 'failed');
    assert.equal(job.error.code, 'DOCUMENT_CORRUPT');
    await assert.rejects(dg.result(job.id, { format: 'text' }), (e) => e.status === 409 && e.code === 'JOB_FAILED');
  });
});

describe('retries', () => {
  let server;
  let url;
  const seen = [];
  const answers = [];

  before(async () => {
    server = createServer((request, response) => {
      seen.push({ at: Date.now(), headers: request.headers });
      const [status, headers, body] = answers.shift();
      response.writeHead(status, headers);
      response.end(body);
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${server.address().port}`;
  });

  after(() => server.close());

  test('a 429 is retried after the Retry-After the server asked for', async () => {
    seen.length = 0;
    answers.push(
      [429, { 'Retry-After': '1', 'Content-Type': 'application/problem+json' }, JSON.stringify({ code: 'RATE_LIMITED' })],
      [200, { 'Content-Type': 'application/json' }, JSON.stringify({ id: 'j1', status: 'succeeded' })],
    );
    const job = await new DocGrid({ url, apiKey: 'k', backoffMs: 10 }).job('j1');
    assert.equal(job.id, 'j1');
    assert.equal(seen.length, 2);
    assert.ok(seen[1].at - seen[0].at >= 950);
    assert.equal(seen[1].headers.authorization, 'Bearer k');
  });

  test('retries stop after maxRetries with the last problem, and a 404 is not retried', async () => {
    seen.length = 0;
    const busy = JSON.stringify({ code: 'QUEUE_FULL', detail: 'Busy.', requestId: 'r2' });
    answers.push([503, {}, busy], [503, {}, busy], [503, {}, busy]);
    await assert.rejects(new DocGrid({ url, maxRetries: 2, backoffMs: 10 }).job('j1'), (e) => e.status === 503 && e.code === 'QUEUE_FULL' && e.requestId === 'r2');
    assert.equal(seen.length, 3);
    seen.length = 0;
    answers.push([404, { 'X-Request-Id': 'r3' }, '']);
    await assert.rejects(new DocGrid({ url, backoffMs: 10 }).job('j1'), (e) => e.requestId === 'r3');
    assert.equal(seen.length, 1);
  });
});
