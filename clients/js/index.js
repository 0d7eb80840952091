// A client of the DocGrid API for Node.js 18+ and browsers, with no dependencies.

const JOBS = '/api/v1/jobs';
const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);
const LONGEST_WAIT_SECONDS = 60;
const RETRIED_STATUSES = new Set([429, 502, 503, 504]);

/** A request that did not succeed, with the problem's stable code and the request id. */
export class DocGridError extends Error {
  constructor(message, { status = 0, code = null, requestId = null, retryAfter = null, problem = {} } = {}) {
    super(message);
    this.name = 'DocGridError';
    this.status = status;
    this.code = code;
    this.requestId = requestId;
    this.retryAfter = retryAfter;
    this.problem = problem;
  }
}

/** A webhook delivery whose signature or timestamp does not check out. */
export class WebhookVerificationError extends Error {
  constructor(message) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

export class DocGrid {
  /**
   * Every call retries what is safe to retry (network failures, 429, 502, 503, 504) up to
   * maxRetries times, after the server's Retry-After or an exponential backoff with jitter.
   * Submissions carry an Idempotency-Key (one is made when none is given), so a retried upload
   * never makes a second job.
   */
  constructor({ url, apiKey = null, maxRetries = 4, backoffMs = 500, fetch: fetchImpl = globalThis.fetch } = {}) {
    if (!url) throw new TypeError('url is required');
    this.url = url.replace(/\/+$/, '');
    this.apiKey = apiKey;
    this.maxRetries = maxRetries;
    this.backoffMs = backoffMs;
    this.fetch = fetchImpl;
  }

  /** Uploads a document (Blob, File, ArrayBuffer, typed array or, on Node.js, a file path). */
  async submit(document, { options, wait = true, idempotencyKey, fileName, waitTimeoutMs = 600_000 } = {}) {
    const { blob, name } = await asBlob(document, fileName);
    const headers = { 'Idempotency-Key': idempotencyKey ?? randomKey() };
    if (wait) headers.Prefer = `wait=${Math.min(LONGEST_WAIT_SECONDS, Math.max(1, Math.floor(waitTimeoutMs / 1000)))}`;
    const started = Date.now();
    const body = () => {
      const form = new FormData();
      if (options !== undefined) form.append('options', JSON.stringify(options));
      form.append('file', blob, name);
      return form;
    };
    const job = await this.#json('POST', JOBS, { body, headers });
    if (!wait) return job;
    return this.wait(job.id, { timeoutMs: waitTimeoutMs - (Date.now() - started) });
  }

  /** The job as it stands; with waitSeconds, once it finishes or after that long. */
  async job(id, { waitSeconds = 0 } = {}) {
    const headers = waitSeconds >= 1 ? { Prefer: `wait=${Math.min(LONGEST_WAIT_SECONDS, Math.floor(waitSeconds))}` } : {};
    return this.#json('GET', `${JOBS}/${encodeURIComponent(id)}`, { headers });
  }

  /** Long-polls the job until it finishes or timeoutMs passes; resolves to the job as it is. */
  async wait(id, { timeoutMs = 600_000 } = {}) {
    const deadline = Date.now() + timeoutMs;
    let job = await this.job(id);
    while (!FINISHED.has(job.status)) {
      const left = (deadline - Date.now()) / 1000;
      if (left < 1) break;
      job = await this.job(id, { waitSeconds: Math.min(LONGEST_WAIT_SECONDS, left) });
    }
    return job;
  }

  /** The result: an object for json, a string for text, markdown and hocr, a Uint8Array for pdf. */
  async result(id, { format = 'json' } = {}) {
    const response = await this.#send('GET', `${JOBS}/${encodeURIComponent(id)}/result?format=${encodeURIComponent(format)}`);
    if (format === 'json') return response.json();
    if (format === 'pdf') return new Uint8Array(await response.arrayBuffer());
    return response.text();
  }

  /** Cancels a queued or running job, or deletes a finished job's document and result. */
  async cancel(id) {
    return this.#json('DELETE', `${JOBS}/${encodeURIComponent(id)}`);
  }

  /** Every job the key may see, newest first, fetched a page at a time. */
  async *jobs({ pageSize = 100 } = {}) {
    let cursor = null;
    do {
      const query = new URLSearchParams({ limit: String(pageSize) });
      if (cursor) query.set('cursor', cursor);
      const page = await this.#json('GET', `${JOBS}?${query}`);
      yield* page.items;
      cursor = page.nextCursor;
    } while (cursor);
  }

  async #json(method, path, request) {
    return (await this.#send(method, path, request)).json();
  }

  async #send(method, path, { body, headers = {} } = {}) {
    const all = { Accept: 'application/json, */*', ...headers };
    if (this.apiKey) all.Authorization = `Bearer ${this.apiKey}`;
    for (let attempt = 0; ; attempt++) {
      let delayMs;
      try {
        const response = await this.fetch(this.url + path, { method, headers: all, body: body ? body() : undefined });
        if (response.ok) return response;
        const failure = await problemOf(response);
        if (!RETRIED_STATUSES.has(response.status) || attempt >= this.maxRetries) throw failure;
        delayMs = failure.retryAfter != null ? failure.retryAfter * 1000 : this.#backoff(attempt);
      } catch (e) {
        if (e instanceof DocGridError) throw e;
        if (attempt >= this.maxRetries) throw new DocGridError(`${method} ${path}: ${e.message}`, { problem: {} });
        delayMs = this.#backoff(attempt);
      }
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }

  #backoff(attempt) {
    return this.backoffMs * 2 ** attempt * (0.8 + Math.random() * 0.4);
  }
}

/**
 * Rejects unless one of the delivery's signatures (Standard Webhooks v1) is the HMAC-SHA256 of the
 * secret over its id, timestamp and body, and its timestamp is within toleranceSeconds of now.
 * body must be the raw body as received (string or bytes), not re-serialised JSON.
 */
export async function verifyWebhook(secret, headers, body, { toleranceSeconds = 300, now = Date.now() / 1000 } = {}) {
  const get = (name) => (typeof headers.get === 'function' ? headers.get(name) : lowerCased(headers)[name]);
  const id = get('webhook-id');
  const timestamp = get('webhook-timestamp');
  const signatures = get('webhook-signature');
  for (const [name, value] of [['webhook-id', id], ['webhook-timestamp', timestamp], ['webhook-signature', signatures]]) {
    if (value == null) throw new WebhookVerificationError(`missing header ${name}`);
  }
  if (!/^\d+$/.test(timestamp)) throw new WebhookVerificationError('webhook-timestamp is not a number of seconds');
  if (Math.abs(now - Number(timestamp)) > toleranceSeconds) throw new WebhookVerificationError('webhook-timestamp is too far from now');
  const subtle = (globalThis.crypto ?? (await import('node:crypto')).webcrypto).subtle;
  const keyBytes = base64Decode(secret.startsWith('whsec_') ? secret.slice(6) : secret);
  const key = await subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const encoder = new TextEncoder();
  const bodyBytes = typeof body === 'string' ? encoder.encode(body) : new Uint8Array(body);
  const prefix = encoder.encode(`${id}.${timestamp}.`);
  const signed = new Uint8Array(prefix.length + bodyBytes.length);
  signed.set(prefix);
  signed.set(bodyBytes, prefix.length);
  const expected = base64Encode(new Uint8Array(await subtle.sign('HMAC', key, signed)));
  for (const candidate of signatures.split(' ')) {
    const [version, signature] = candidate.split(',', 2);
    if (version === 'v1' && constantTimeEquals(signature ?? '', expected)) return;
  }
  throw new WebhookVerificationError('no signature matches');
}

async function problemOf(response) {
  let problem = {};
  try {
    problem = JSON.parse(await response.text());
  } catch {
    // not problem JSON: the status says enough
  }
  const retryAfter = response.headers.get('Retry-After');
  return new DocGridError(problem.detail ?? problem.title ?? `HTTP ${response.status}`, {
    status: response.status,
    code: problem.code ?? null,
    requestId: problem.requestId ?? response.headers.get('X-Request-Id'),
    retryAfter: retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : null,
    problem,
  });
}

async function asBlob(document, fileName) {
  if (typeof Blob !== 'undefined' && document instanceof Blob) {
    return { blob: document, name: fileName ?? document.name ?? 'document' };
  }
  if (document instanceof ArrayBuffer || ArrayBuffer.isView(document)) {
    return { blob: new Blob([document]), name: fileName ?? 'document' };
  }
  if (typeof document === 'string') {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const blob = typeof fs.openAsBlob === 'function' ? await fs.openAsBlob(document) : new Blob([await fs.promises.readFile(document)]);
    return { blob, name: fileName ?? path.basename(document) };
  }
  throw new TypeError('document must be a Blob, an ArrayBuffer, a typed array or a file path');
}

function randomKey() {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

function lowerCased(headers) {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

function base64Decode(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

function base64Encode(bytes) {
  return btoa(String.fromCharCode(...bytes));
}

function constantTimeEquals(a, b) {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
