import fs from 'node:fs';
import { AppError } from '../../../shared/errors.js';
import { streamToFile } from './streamToFile.js';

/** A wait the client is about to do, so progress can say "rate limited, resuming in 12 s". */
export interface WaitNotice {
  reason: 'rate-limited' | 'retry';
  ms: number;
  url: string;
  attempt: number;
  /** One line for the user. */
  message: string;
}

export interface HttpOptions {
  /** Per-attempt limit on the whole exchange (headers and body). */
  timeoutMs?: number;
  /** Retries after the first attempt, for 5xx, 429, network errors and unreadable bodies. */
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Longest wait a server may ask for (Retry-After / X-RateLimit-Reset); beyond it we give up. */
  maxServerWaitMs?: number;
  signal?: AbortSignal;
  onWait?: (notice: WaitNotice) => void;
  /** Injected in tests so retries never sleep for real. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  random?: () => number;
  fetch?: typeof fetch;
}

export interface JsonResponse<T> {
  status: number;
  headers: Headers;
  body: T;
  url: string;
}

interface RequestSpec {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

const DEFAULTS = { timeoutMs: 30_000, maxRetries: 5, baseDelayMs: 500, maxDelayMs: 30_000, maxServerWaitMs: 3_600_000 };

export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function cancelled(): AppError {
  return new AppError('CANCELLED', 'The catch-up was cancelled');
}

/** A failure worth another attempt; carries the message to use if attempts run out. */
class Transient extends Error {
  constructor(
    message: string,
    readonly serverWaitMs: number | null = null,
    readonly rateLimited = false,
  ) {
    super(message);
  }
}

/**
 * HTTP with the failure handling public Horizon and Verra need: timeouts, capped exponential backoff with jitter
 * for 5xx/network errors, the server's own wait on 429, and RFC 7807 problems turned into messages a user can act on.
 */
export class HttpClient {
  private readonly o: Required<Omit<HttpOptions, 'signal' | 'onWait'>> & Pick<HttpOptions, 'signal' | 'onWait'>;

  constructor(opts: HttpOptions = {}) {
    this.o = {
      ...DEFAULTS,
      sleep: realSleep,
      now: Date.now,
      random: Math.random,
      fetch: globalThis.fetch.bind(globalThis),
      ...stripUndefined(opts),
    };
  }

  getJson<T>(url: string, headers: Record<string, string> = {}): Promise<JsonResponse<T>> {
    return this.json<T>({ method: 'GET', url, headers: { accept: 'application/json', ...headers } });
  }

  postJson<T>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<JsonResponse<T>> {
    return this.json<T>({
      method: 'POST',
      url,
      headers: { accept: 'application/json', 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  }

  async getText(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: string; url: string }> {
    return this.withRetries({ method: 'GET', url, headers: { accept: 'text/html,*/*', ...headers } }, (text) => text);
  }

  /** The body's bytes exactly as received (proof bundles keep them), with the usual retries and error messages. */
  bytes(method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Uint8Array> {
    const spec: RequestSpec = { method, url, headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers } };
    if (body !== undefined) spec.body = JSON.stringify(body);
    return this.retrying(spec, async () => (await this.exchange(spec, async (r) => new Uint8Array(await r.arrayBuffer()))).body);
  }

  private json<T>(spec: RequestSpec): Promise<JsonResponse<T>> {
    return this.withRetries(spec, (text) => {
      try {
        return JSON.parse(text) as T;
      } catch {
        // A proxy's HTML error page or a body cut short: retrying often helps, and the final message names the URL.
        throw new Transient(`${spec.url} answered with a body that is not valid JSON (${describeBody(text)})`);
      }
    });
  }

  private withRetries<B>(spec: RequestSpec, decode: (text: string) => B): Promise<{ status: number; headers: Headers; body: B; url: string }> {
    return this.retrying(spec, async () => {
      const { status, headers, text } = await this.attempt(spec);
      return { status, headers, body: decode(text), url: spec.url };
    });
  }

  /**
   * Streams a GET to `file` (written whole or not at all: a failed attempt leaves no file), with the usual retries;
   * refuses bodies over `maxBytes`. Returns the sha256 and size of what was written.
   */
  async download(url: string, file: string, opts: { maxBytes: number; timeoutMs?: number; onBytes?: (bytes: number) => void }): Promise<{ sha256: string; bytes: number }> {
    const spec: RequestSpec = { method: 'GET', url, headers: { accept: '*/*' } };
    return this.retrying(spec, async () => {
      const part = `${file}.part`;
      try {
        const { body } = await this.exchange(spec, (res) => streamToFile(res, part, url, opts), opts.timeoutMs ?? this.o.timeoutMs * 10);
        fs.renameSync(part, file);
        return body;
      } finally {
        fs.rmSync(part, { force: true });
      }
    });
  }

  private async retrying<R>(spec: RequestSpec, once: () => Promise<R>): Promise<R> {
    for (let attempt = 0; ; attempt++) {
      this.throwIfCancelled();
      try {
        return await once();
      } catch (err) {
        if (!(err instanceof Transient)) throw err;
        if (attempt >= this.o.maxRetries) {
          throw new AppError(err.rateLimited ? 'RATE_LIMITED' : 'SOURCE_ERROR', `${err.message} (gave up after ${attempt + 1} attempts)`);
        }
        const ms = err.serverWaitMs ?? this.backoff(attempt);
        if (err.serverWaitMs !== null && err.serverWaitMs > this.o.maxServerWaitMs) {
          throw new AppError('RATE_LIMITED', `${err.message}; the server asks to wait ${Math.ceil(err.serverWaitMs / 1000)} s, longer than allowed`);
        }
        const secs = Math.max(1, Math.ceil(ms / 1000));
        this.o.onWait?.({
          reason: err.rateLimited ? 'rate-limited' : 'retry',
          ms,
          url: spec.url,
          attempt: attempt + 1,
          message: err.rateLimited ? `rate limited, resuming in ${secs} s` : `${err.message}; retrying in ${secs} s`,
        });
        await this.o.sleep(ms, this.o.signal);
      }
    }
  }

  /** Full jitter over a capped exponential: spreads out clients that failed together. */
  private backoff(attempt: number): number {
    const cap = Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** attempt);
    return Math.round(cap / 2 + (this.o.random() * cap) / 2);
  }

  private throwIfCancelled(): void {
    if (this.o.signal?.aborted) throw cancelled();
  }

  private async attempt(spec: RequestSpec): Promise<{ status: number; headers: Headers; text: string }> {
    const { res, body } = await this.exchange(spec, async (r) => decodeBody(new Uint8Array(await r.arrayBuffer()), r.headers.get('content-type')));
    return { status: res.status, headers: res.headers, text: body };
  }

  /**
   * One exchange within the per-attempt timeout: `consume` reads a 2xx body (an AppError it throws is final, any
   * other failure while reading is worth another attempt); other statuses become the problem's one-line message.
   */
  private async exchange<R>(spec: RequestSpec, consume: (res: Response) => Promise<R>, timeoutMs = this.o.timeoutMs): Promise<{ res: Response; body: R }> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = this.o.signal ? AbortSignal.any([this.o.signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await this.o.fetch(spec.url, { method: spec.method, headers: spec.headers, body: spec.body, signal });
      if (res.status >= 200 && res.status < 300) return { res, body: await consume(res) };
    } catch (err) {
      if (err instanceof AppError && err.code !== 'CANCELLED') throw err;
      if (this.o.signal?.aborted) throw cancelled();
      if (timeout.aborted) throw new Transient(`${spec.method} ${spec.url} timed out after ${timeoutMs} ms`);
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new Transient(`${spec.method} ${spec.url} failed: ${cause?.code ?? cause?.message ?? (err as Error).message}`);
    }
    const text = await res.text().catch(() => '');
    const problem = describeProblem(spec.url, res.status, res.headers, text);
    if (res.status === 429) throw new Transient(problem, this.serverWait(res.headers), true);
    if (res.status >= 500) throw new Transient(problem, this.serverWait(res.headers, true));
    throw new AppError(res.status === 404 ? 'NOT_FOUND' : 'SOURCE_ERROR', problem);
  }

  /** Retry-After (seconds or HTTP date), else X-RateLimit-Reset (seconds to go, or epoch seconds). */
  private serverWait(headers: Headers, retryAfterOnly = false): number | null {
    const retryAfter = headers.get('retry-after');
    if (retryAfter !== null) {
      if (/^\d+$/.test(retryAfter.trim())) return Number(retryAfter) * 1000;
      const at = Date.parse(retryAfter);
      if (!Number.isNaN(at)) return Math.max(0, at - this.o.now());
    }
    if (retryAfterOnly) return null;
    const reset = headers.get('x-ratelimit-reset');
    if (reset !== null && /^\d+$/.test(reset.trim())) {
      const n = Number(reset);
      // Horizon sends seconds until the window resets; some gateways send an epoch time instead.
      return n > 1_000_000_000 ? Math.max(0, n * 1000 - this.o.now()) : n * 1000;
    }
    return null;
  }
}

interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
}

/** One line from an RFC 7807 problem (Horizon's error format), with advice for the ones a user can fix. */
export function describeProblem(url: string, status: number, headers: Headers, text: string): string {
  let p: Problem | null = null;
  if (/json/i.test(headers.get('content-type') ?? '') || text.trimStart().startsWith('{')) {
    try {
      p = JSON.parse(text) as Problem;
    } catch {
      p = null;
    }
  }
  const kind = p?.type?.split('/').pop() ?? '';
  if (status === 410 || kind === 'before_history') {
    return `${url}: this Horizon has pruned history (410 before_history); set SC_HORIZON_URL to a full-history instance`;
  }
  if (status === 429) return `${url}: rate limited (429${p?.detail ? `: ${p.detail}` : ''})`;
  if (p && (p.title || p.detail)) {
    return `${url}: HTTP ${status} ${[p.title, p.detail].filter(Boolean).join(': ')}`;
  }
  return `${url}: HTTP ${status} (${describeBody(text)})`;
}

/**
 * Verra's old report pages declare iso-8859-1; decoding them as UTF-8 would garble accented project names.
 * Unknown charsets fall back to UTF-8 rather than failing the sync over a label.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  const charset = /charset="?([\w-]+)"?/i.exec(contentType ?? '')?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function describeBody(text: string): string {
  if (text.length === 0) return 'empty body';
  const head = text.slice(0, 60).replace(/\s+/g, ' ');
  return `${text.length} bytes starting ${JSON.stringify(head)}`;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

