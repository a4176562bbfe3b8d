import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PaymentRecord } from '../sources/horizon.js';
import { DEFAULT_SOURCE_CONFIG } from '../config.js';
import { hasShared, SC_DATA_DIR } from '../../testkit/sharedDir.js';
import { worldFromScData } from '../../testkit/fakeWorld/fromScData.js';
import { appendNewSale } from '../../testkit/fakeWorld/newSale.js';
import { startFakeWorld, type FakeWorldServer } from '../../testkit/fakeWorld/server.js';
import { until } from '../../testkit/reliability/child.js';
import { followStream, type StreamChange } from './horizonStream.js';

const SINK = DEFAULT_SOURCE_CONFIG.sinkIssuer;
const PATH = `/accounts/${SINK}/payments`;

/** One Horizon stream against the fake Horizon's streaming mode: cursor=now, the last id on reconnect, backoff. */
describe.skipIf(!hasShared)('Horizon stream', () => {
  let server: FakeWorldServer;
  let stop: AbortController;
  const records: PaymentRecord[] = [];
  const states: StreamChange[] = [];
  const sleeps: number[] = [];
  const streamRequests = () => server.log.filter((e) => e.path === PATH && e.status !== 0 && !e.query.includes('order='));

  beforeEach(async () => {
    server = await startFakeWorld(worldFromScData(SC_DATA_DIR));
    stop = new AbortController();
    records.length = 0;
    states.length = 0;
    sleeps.length = 0;
  });
  afterEach(async () => {
    stop.abort();
    await server.close();
  });

  const follow = (idleMs?: number) =>
    followStream({
      ...(idleMs ? { idleMs } : {}),
      horizonUrl: server.url,
      account: SINK,
      signal: stop.signal,
      baseDelayMs: 100,
      random: () => 0,
      // Waits are recorded, not slept.
      sleep: async (ms) => void sleeps.push(ms),
      onRecord: (r) => records.push(r),
      onState: (c) => states.push(c),
    });

  it('starts at now, delivers a new sale, and resumes after its id when Horizon ends the stream', async () => {
    const done = follow();
    await until(() => states.some((s) => s.state === 'open'), 10_000, 'the stream to open');
    // cursor=now: the stored history is not replayed.
    expect(streamRequests().map((e) => e.query)).toEqual(['?cursor=now']);
    expect(records).toEqual([]);

    const sale = await appendNewSale(server.url, SINK);
    await until(() => records.length > 0, 10_000, 'the new sale');
    expect(records.map((r) => [r.transaction_hash, r.paging_token])).toEqual([[sale.hash, sale.pagingToken]]);

    server.streams.closeAll();
    await until(() => streamRequests().length === 2 && server.streams.open === 1, 10_000, 'the reconnect');
    expect(streamRequests()[1]?.query).toBe(`?cursor=${sale.pagingToken}`);
    // A normal end ("byebye") waits the server's retry (1000 ms), not a backoff.
    expect(sleeps).toEqual([1000]);
    expect(records).toHaveLength(1);

    stop.abort();
    await done;
    expect(states.at(-1)).toMatchObject({ state: 'stopped', lastId: sale.pagingToken, connections: 2 });
  });

  it('backs off on errors (doubling), names the source, and starts over after a good connection', async () => {
    server.faults.add(PATH, { kind: 'status', status: 503 }, { kind: 'status', status: 503 }, { kind: 'rate-limit', retryAfter: 7 });
    const done = follow();
    await until(() => states.some((s) => s.state === 'open'), 10_000, 'the stream to open');
    // 100, 200 (doubling), then the 429's Retry-After.
    expect(sleeps).toEqual([100, 200, 7000]);
    const errors = states.filter((s) => s.state === 'reconnecting').map((s) => s.error);
    expect(errors[0]).toBe(`Horizon stream ${server.url}${PATH}?cursor=now: HTTP 503`);
    expect(errors[2]).toContain('HTTP 429');

    const sale = await appendNewSale(server.url, SINK);
    await until(() => records.length === 1, 10_000, 'the new sale');
    server.streams.dropAll();
    await until(() => server.streams.open === 1 && streamRequests().length === 5, 10_000, 'the reconnect after the drop');
    // The connection before the drop delivered a record: the backoff starts over at its base.
    expect(sleeps).toEqual([100, 200, 7000, 100]);
    expect(streamRequests().at(-1)?.query).toBe(`?cursor=${sale.pagingToken}`);
    stop.abort();
    await done;
  });

  it('refuses an answer that is not an event stream', async () => {
    server.faults.add(PATH, { kind: 'non-json' });
    const done = follow();
    await until(() => states.some((s) => s.state === 'open'), 10_000, 'the stream to open');
    expect(states.find((s) => s.state === 'reconnecting')?.error).toBe(`Horizon stream ${server.url}${PATH}?cursor=now: answered text/html, not an event stream`);
    stop.abort();
    await done;
  });

  it('takes a silent connection for dead and reopens it', async () => {
    const done = follow(200);
    await until(() => streamRequests().length >= 2, 10_000, 'the second connection');
    expect(states.find((s) => s.state === 'reconnecting')?.error).toBe(`Horizon stream ${server.url}${PATH}?cursor=now: nothing received for 0.2 s`);
    stop.abort();
    await done;
  });

  it('cuts a stream whose event never ends (no unbounded buffer) and one that sends something else than records', async () => {
    const bodies = ['retry: 1000\ndata: "hello"\n\ndata: ' + 'x'.repeat(1_100_000), 'data: "hello"\n\nid: 1\ndata: {"not":"a record"}\n\n'];
    const odd = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(bodies.shift() ?? 'data: "hello"\n\n');
    });
    await new Promise<void>((r) => odd.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(odd.address() as AddressInfo).port}`;
    try {
      const done = followStream({ horizonUrl: url, account: SINK, signal: stop.signal, sleep: async (ms) => void sleeps.push(ms), onRecord: (r) => records.push(r), onState: (c) => states.push(c) });
      await until(() => states.filter((s) => s.state === 'reconnecting').length >= 2, 10_000, 'two cut connections');
      const errors = states.filter((s) => s.state === 'reconnecting').map((s) => s.error);
      expect(errors[0]).toBe(`Horizon stream ${url}${PATH}?cursor=now: an event longer than 1048576 characters`);
      expect(errors[1]).toBe(`Horizon stream ${url}${PATH}?cursor=now: an event that is not a payment record: {"not":"a record"}`);
      expect(records).toEqual([]);
      stop.abort();
      await done;
    } finally {
      odd.closeAllConnections();
      await new Promise((r) => odd.close(r));
    }
  });
});
