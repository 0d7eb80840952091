export interface Job {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  createdAt: string;
  startedAt?: string | null;
  finishedAt?: string | null;
  document: { sha256: string; fileName: string; mediaType: string; sizeBytes: number; pageCount?: number | null };
  error?: { code: string; message: string } | null;
  pages: { total?: number | null; done: number; failed: number; ocr: number };
  links: Record<string, string>;
  [field: string]: unknown;
}

export interface JobPage {
  items: Job[];
  nextCursor?: string | null;
}

export type Document = Blob | ArrayBuffer | ArrayBufferView | string;

export interface SubmitOptions {
  /** Job options, as the API documents them (e.g. { ocr: 'force', languages: ['eng'] }). */
  options?: Record<string, unknown>;
  /** Wait for the job to finish (default true). */
  wait?: boolean;
  idempotencyKey?: string;
  fileName?: string;
  waitTimeoutMs?: number;
}

export declare class DocGridError extends Error {
  readonly status: number;
  readonly code: string | null;
  readonly requestId: string | null;
  readonly retryAfter: number | null;
  readonly problem: Record<string, unknown>;
}

export declare class WebhookVerificationError extends Error {}

export declare class DocGrid {
  constructor(settings: {
    url: string;
    apiKey?: string | null;
    maxRetries?: number;
    backoffMs?: number;
    fetch?: typeof fetch;
  });
  submit(document: Document, options?: SubmitOptions): Promise<Job>;
  job(id: string, options?: { waitSeconds?: number }): Promise<Job>;
  wait(id: string, options?: { timeoutMs?: number }): Promise<Job>;
  result(id: string, options?: { format?: 'json' }): Promise<Record<string, unknown>>;
  result(id: string, options: { format: 'pdf' }): Promise<Uint8Array>;
  result(id: string, options: { format: 'text' | 'markdown' | 'hocr' }): Promise<string>;
  cancel(id: string): Promise<Job>;
  jobs(options?: { pageSize?: number }): AsyncIterableIterator<Job>;
}

export declare function verifyWebhook(
  secret: string,
  headers: Headers | Record<string, string>,
  body: string | ArrayBuffer | Uint8Array,
  options?: { toleranceSeconds?: number; now?: number },
): Promise<void>;
