/**
 * Failures the fake server can inject, one per request, queued per path (pathname without query).
 * Each is what a real Horizon/Verra/proxy does on a bad day.
 */
export type Fault =
  /** An RFC 7807 problem with this status (Horizon's error format). */
  | { kind: 'status'; status: number; type?: string; title?: string; detail?: string }
  /** 429; with Retry-After and/or X-RateLimit-Reset seconds when given. */
  | { kind: 'rate-limit'; retryAfter?: number; resetIn?: number }
  /** Headers and half the body, then the connection is destroyed. */
  | { kind: 'reset' }
  /** Never answers (the client's timeout must fire). */
  | { kind: 'hang' }
  /** 200 with the first half of the real body, properly ended. */
  | { kind: 'truncated' }
  /** 200 with an HTML page (a captive portal or proxy error). */
  | { kind: 'non-json' }
  /** 200 with an HTML page that lacks the expected report table (a maintenance or login page). */
  | { kind: 'no-table' }
  /** 200 with the page's records in reverse order (a broken proxy or cache). */
  | { kind: 'out-of-order' }
  /** 200 with the body last sent on this path again (a cache serving the previous page). */
  | { kind: 'repeat-previous' }
  /** The real answer, after a delay (lets a test act while a request is in flight). */
  | { kind: 'slow'; ms: number };

/** Faults queued per key: a path for the fake world, a file name for the fake sc-data (which takes fewer kinds). */
export class FaultQueue<F extends { kind: string } = Fault> {
  private readonly queues = new Map<string, F[]>();

  /** Queue faults for the next requests to `path` (e.g. '/accounts/G…/payments'). */
  add(path: string, ...faults: F[]): void {
    const q = this.queues.get(path) ?? [];
    q.push(...faults);
    this.queues.set(path, q);
  }

  take(path: string): F | undefined {
    return this.queues.get(path)?.shift();
  }

  clear(): void {
    this.queues.clear();
  }
}

const PROBLEM_TYPES: Record<number, [string, string]> = {
  400: ['bad_request', 'Bad Request'],
  404: ['not_found', 'Resource Missing'],
  410: ['before_history', 'Data Requested Is Before Recorded History'],
  429: ['rate_limit_exceeded', 'Rate Limit Exceeded'],
  500: ['server_error', 'Internal Server Error'],
  503: ['stale_history', 'Historical DB Is Too Stale'],
  504: ['timeout', 'Timeout'],
};

export function problemBody(status: number, detail?: string, type?: string, title?: string): string {
  const [t, ti] = PROBLEM_TYPES[status] ?? ['error', 'Error'];
  return JSON.stringify({
    type: `https://stellar.org/horizon-errors/${type ?? t}`,
    title: title ?? ti,
    status,
    detail: detail ?? `${title ?? ti}.`,
  });
}
