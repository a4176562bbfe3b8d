import { createParser, type EventSourceMessage } from 'eventsource-parser';
import http from 'node:http';
import https from 'node:https';
import type { StreamState } from '../../../shared/api/live.js';
import type { PaymentRecord } from '../sources/horizon.js';
import { realSleep } from '../sources/http.js';

/**
 * One Horizon stream: an account's payments as Server-Sent Events (`Accept: text/event-stream`), from
 * `cursor=now`, then after the last record received. Horizon opens with `data: "hello"`, sends a record per event
 * (its `id` is the paging token) and may end a stream with `data: "byebye"`; the stream is then reopened after the
 * last id. A failed or dropped connection is retried with exponential backoff (a 429's Retry-After is honoured);
 * a connection that stays silent longer than `idleMs` is taken for dead and reopened. Each connection is one
 * request against Horizon's rate limit.
 */
export interface StreamOptions {
  horizonUrl: string;
  account: string;
  onRecord: (record: PaymentRecord) => void;
  onState: (change: StreamChange) => void;
  signal: AbortSignal;
  /** Start after this paging token instead of 'now'. */
  cursor?: string | null;
  /** Backoff after an error: base doubling up to max (plus up to 20 % jitter). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** No byte (not even a comment) for this long: the connection is reopened. */
  idleMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export interface StreamChange {
  state: StreamState;
  lastId: string | null;
  connections: number;
  error: string | null;
  retryAt: string | null;
}

const DEFAULTS = { baseDelayMs: 1000, maxDelayMs: 60_000, idleMs: 120_000 };
const MAX_EVENT_CHARS = 1 << 20;
/** Open this long: the connection counts as good even without a record. */
const HEALTHY_MS = 30_000;

/** Why a connection ended: 'closed' by the server (normal), 'failed' (an error: back off). */
type Ending = { kind: 'closed'; retryMs: number } | { kind: 'failed'; error: string; waitMs: number | null };

/** Follows the stream until `signal` aborts; resolves then (it never rejects). */
export async function followStream(opts: StreamOptions): Promise<void> {
  const o = { ...DEFAULTS, ...opts };
  const sleep = opts.sleep ?? realSleep;
  const random = opts.random ?? Math.random;
  let lastId = opts.cursor ?? null;
  let connections = 0;
  let failures = 0;
  const tell = (state: StreamState, error: string | null = null, retryAt: string | null = null) =>
    opts.onState({ state, lastId, connections, error, retryAt });
  tell('connecting');
  while (!opts.signal.aborted) {
    connections++;
    // A connection that delivered a record or stayed open a while was good: the backoff starts over after it.
    let openedAt: number | null = null;
    let delivered = false;
    const ending = await connectOnce(o, lastId, {
      opened: () => {
        openedAt = Date.now();
        tell('open');
      },
      record: (id, record) => {
        lastId = id;
        delivered = true;
        opts.onRecord(record);
      },
    });
    if (opts.signal.aborted) break;
    if (delivered || (openedAt !== null && Date.now() - openedAt >= HEALTHY_MS)) failures = 0;
    let wait: number;
    let error: string | null = null;
    if (ending.kind === 'closed') wait = ending.retryMs;
    else {
      failures++;
      error = ending.error;
      const backoff = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (failures - 1));
      wait = ending.waitMs ?? Math.round(backoff * (1 + 0.2 * random()));
    }
    tell('reconnecting', error, new Date(Date.now() + wait).toISOString());
    try {
      await sleep(wait, opts.signal);
    } catch {
      break;
    }
  }
  tell('stopped');
}

interface Handlers {
  opened: () => void;
  record: (id: string, record: PaymentRecord) => void;
}

/**
 * The GET of one stream on a connection of its own (no agent: a pooled keep-alive socket could be handed a new
 * stream while the server still holds an old one open on it). The signal destroys request and response.
 */
function openStream(url: string, signal: AbortSignal): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const get = url.startsWith('https:') ? https.get : http.get;
    const req = get(url, { headers: { Accept: 'text/event-stream' }, agent: false, signal }, resolve);
    req.on('error', reject);
  });
}

/** One connection, read until it ends; never throws. */
async function connectOnce(o: StreamOptions & typeof DEFAULTS, lastId: string | null, on: Handlers): Promise<Ending> {
  const url = `${o.horizonUrl.replace(/\/+$/, '')}/accounts/${o.account}/payments?cursor=${encodeURIComponent(lastId ?? 'now')}`;
  const where = `Horizon stream ${url}`;
  const connection = new AbortController();
  const stop = () => connection.abort();
  o.signal.addEventListener('abort', stop, { once: true });
  let idle: NodeJS.Timeout | undefined;
  let idled = false;
  const touch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      idled = true;
      connection.abort();
    }, o.idleMs);
  };
  let retryMs = o.baseDelayMs;
  let closing = false;
  let bad: string | null = null;
  const ending = (): Ending => {
    if (closing) return { kind: 'closed', retryMs };
    if (bad) return { kind: 'failed', error: `${where}: ${bad}`, waitMs: null };
    if (idled) return { kind: 'failed', error: `${where}: nothing received for ${o.idleMs / 1000} s`, waitMs: null };
    return { kind: 'failed', error: `${where}: the connection ended`, waitMs: null };
  };
  const parser = createParser({
    // One payment record is a few KiB: a line or event past this is not Horizon's (and must not fill the memory).
    maxBufferSize: MAX_EVENT_CHARS,
    onError: (e) => {
      if (e.type === 'max-buffer-size-exceeded') bad = `an event longer than ${MAX_EVENT_CHARS} characters`;
    },
    onRetry: (ms) => (retryMs = ms),
    onEvent: (m: EventSourceMessage) => {
      if (m.data === '"hello"') return on.opened();
      if (m.data === '"byebye"') {
        closing = true;
        return;
      }
      const record = parseRecord(m.data);
      const id = m.id ?? record?.paging_token;
      if (!record || !id) {
        bad = `an event that is not a payment record: ${m.data.slice(0, 120)}`;
        return;
      }
      if (!closing && !bad) on.record(id, record);
    },
  });
  try {
    touch();
    const res = await openStream(url, connection.signal);
    const type = String(res.headers['content-type'] ?? '');
    if (res.statusCode !== 200) {
      const after = Number(res.headers['retry-after']);
      res.destroy();
      return { kind: 'failed', error: `${where}: HTTP ${res.statusCode}`, waitMs: res.statusCode === 429 && after > 0 ? after * 1000 : null };
    }
    if (!type.includes('text/event-stream')) {
      res.destroy();
      return { kind: 'failed', error: `${where}: answered ${type || 'no content type'}, not an event stream`, waitMs: null };
    }
    res.setEncoding('utf8');
    for await (const chunk of res as AsyncIterable<string>) {
      touch();
      parser.feed(chunk);
      if (closing || bad) break;
    }
    res.destroy();
    return ending();
  } catch (err) {
    if (closing || bad || idled) return ending();
    return { kind: 'failed', error: `${where}: ${err instanceof Error ? err.message : String(err)}`, waitMs: null };
  } finally {
    clearTimeout(idle);
    o.signal.removeEventListener('abort', stop);
  }
}

function parseRecord(data: string): PaymentRecord | null {
  try {
    const v = JSON.parse(data) as Partial<PaymentRecord> | null;
    return v && typeof v === 'object' && typeof v.paging_token === 'string' && typeof v.transaction_hash === 'string' ? (v as PaymentRecord) : null;
  } catch {
    return null;
  }
}
