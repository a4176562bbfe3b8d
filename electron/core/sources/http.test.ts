import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyWorld } from '../../testkit/fakeWorld/world.js';
import { startFakeWorld, type FakeWorldServer } from '../../testkit/fakeWorld/server.js';
import { HttpClient, type HttpOptions, type WaitNotice } from './http.js';

const ACCOUNT = 'GC7CDWMCWNCY7JYUW5UBEOLNBSTNDKKZSFTHKGZNPPSOXLFYFX3CSINK';
const PATH = `/accounts/${ACCOUNT}/payments`;

describe('HttpClient against the fake server', () => {
  let server: FakeWorldServer;
  beforeAll(async () => {
    server = await startFakeWorld(emptyWorld());
  });
  afterAll(() => server.close());

  /** A client whose sleeps are recorded, never slept. */
  function client(extra: HttpOptions = {}) {
    const sleeps: number[] = [];
    const waits: WaitNotice[] = [];
    const http = new HttpClient({
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      random: () => 0.5,
      onWait: (w) => waits.push(w),
      ...extra,
    });
    return { http, sleeps, waits };
  }
  const url = () => `${server.url}${PATH}?cursor=0&order=asc&limit=200`;

  it('retries 5xx with capped exponential backoff and succeeds', async () => {
    server.faults.add(PATH, { kind: 'status', status: 503 }, { kind: 'status', status: 504 }, { kind: 'status', status: 500 });
    const { http, sleeps, waits } = client({ baseDelayMs: 1000, maxDelayMs: 3000 });
    const res = await http.getJson<{ _embedded: { records: unknown[] } }>(url());
    expect(res.body._embedded.records).toEqual([]);
    // cap/2 + random(0.5)·cap/2 for caps 1000, 2000, 3000 (capped)
    expect(sleeps).toEqual([750, 1500, 2250]);
    expect(waits.map((w) => w.reason)).toEqual(['retry', 'retry', 'retry']);
  });

  it('honours Retry-After on 429 and says so', async () => {
    server.faults.add(PATH, { kind: 'rate-limit', retryAfter: 12 });
    const { http, sleeps, waits } = client();
    await http.getJson(url());
    expect(sleeps).toEqual([12_000]);
    expect(waits[0]?.message).toBe('rate limited, resuming in 12 s');
  });

  it('falls back to X-RateLimit-Reset, then to backoff, on 429', async () => {
    server.faults.add(PATH, { kind: 'rate-limit', resetIn: 7 }, { kind: 'rate-limit' });
    const { http, sleeps } = client({ baseDelayMs: 100 });
    await http.getJson(url());
    expect(sleeps).toEqual([7000, 150]);
  });

  it('gives up with RATE_LIMITED after the retries', async () => {
    server.faults.add(PATH, ...Array.from({ length: 3 }, () => ({ kind: 'rate-limit' as const, retryAfter: 1 })));
    const { http } = client({ maxRetries: 2 });
    await expect(http.getJson(url())).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('explains 410 before_history without retrying', async () => {
    server.faults.add(PATH, { kind: 'status', status: 410 });
    const { http, sleeps } = client();
    await expect(http.getJson(url())).rejects.toThrow(/pruned history.*SC_HORIZON_URL to a full-history instance/);
    expect(sleeps).toEqual([]);
  });

  it('turns other problems into one line with title and detail', async () => {
    server.faults.add(PATH, { kind: 'status', status: 400, detail: 'The cursor is invalid.' });
    const { http } = client();
    await expect(http.getJson(url())).rejects.toMatchObject({ code: 'SOURCE_ERROR', message: expect.stringContaining('HTTP 400 Bad Request: The cursor is invalid.') });
  });

  it('retries a connection reset mid-body and a truncated body', async () => {
    server.faults.add(PATH, { kind: 'reset' }, { kind: 'truncated' });
    const { http, sleeps } = client();
    const res = await http.getJson<{ _embedded: unknown }>(url());
    expect(res.body._embedded).toBeDefined();
    expect(sleeps).toHaveLength(2);
  });

  it('names the URL when the body is never JSON', async () => {
    server.faults.add(PATH, { kind: 'non-json' }, { kind: 'non-json' });
    const { http } = client({ maxRetries: 1 });
    await expect(http.getJson(url())).rejects.toThrow(new RegExp(`${PATH}.*not valid JSON.*gave up after 2 attempts`));
  });

  it('times out a hanging server and retries', async () => {
    server.faults.add(PATH, { kind: 'hang' });
    const { http, waits } = client({ timeoutMs: 200 });
    await http.getJson(url());
    expect(waits[0]?.message).toMatch(/timed out after 200 ms/);
  });

  it('stops at once when cancelled', async () => {
    server.faults.add(PATH, { kind: 'hang' });
    const ac = new AbortController();
    const { http } = client({ signal: ac.signal, timeoutMs: 10_000 });
    setTimeout(() => ac.abort(), 50);
    await expect(http.getJson(url())).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('hands back the bytes as received (proof bundles keep them), after the same retries', async () => {
    server.faults.add(PATH, { kind: 'status', status: 503 });
    const { http, sleeps } = client();
    const bytes = await http.bytes('GET', url());
    expect(sleeps).toHaveLength(1);
    const again = await (await fetch(url())).arrayBuffer();
    expect(Buffer.from(bytes).equals(Buffer.from(again))).toBe(true);
    expect(JSON.parse(Buffer.from(bytes).toString('utf8'))).toMatchObject({ _embedded: { records: [] } });
  });

  it('does not retry a 404', async () => {
    const { http, sleeps } = client();
    await expect(http.getJson(`${server.url}/nowhere`)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(sleeps).toEqual([]);
  });
});
