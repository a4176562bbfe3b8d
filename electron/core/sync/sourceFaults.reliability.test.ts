import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { loadSourceConfig, type SourceConfig } from '../config.js';
import { openWriteDb } from '../db/open.js';
import type { WriteDb } from '../db/types.js';
import type { Fault } from '../../testkit/fakeWorld/faults.js';
import { worldFromScData } from '../../testkit/fakeWorld/fromScData.js';
import { REPORT_PATH, SEARCH_PATH, startFakeWorld, type FakeWorldServer } from '../../testkit/fakeWorld/server.js';
import { compareSnapshots, cursorSnapshot, dataSnapshot, partialTables, type DataSnapshot } from '../../testkit/reliability/dbSnapshot.js';
import { hasShared, SC_DATA_DIR } from '../../testkit/sharedDir.js';
import { Engine } from '../engine.js';
import { catchUp } from './catchUp.js';
import { runSync } from './runSync.js';
import type { StepProgress } from './types.js';

/**
 * Source faults against the fake Horizon + Verra: every fault a public API or a proxy throws at us, injected into
 * a catch-up from an empty database. Each run either recovers after bounded retries (with the wait shown as
 * progress) or stops naming the source and the step with nothing of that step stored; the next catch-up then
 * completes, and the database equals the fault-free one row for row.
 */

const { carbonIssuer: ISSUER, carbonDistributor: DIST, sinkIssuer: SINK } = loadSourceConfig({});
const PAY = (account: string) => `/accounts/${account}/payments`;
const MAX_RETRIES = 5;
/** Per-attempt timeout where a hang is injected; elsewhere generous, so a loaded CI machine adds no retries. */
const TIMEOUT_MS = 800;
const NORMAL_TIMEOUT_MS = 15_000;

interface Case {
  name: string;
  path: () => string;
  faults: Fault[];
  /** Recovers within the retries, or stops with this message (step, source, cause) and code. */
  stops?: { message: RegExp; code: string };
  /** A wait message the progress must show. */
  wait?: RegExp;
  /** Verra's page size for this case (paging over several pages). */
  pageSize?: number;
  /** The case injects hangs: use the short timeout. */
  hangs?: boolean;
}

let opsPath = '';
const CASES: Case[] = [
  { name: '429 with Retry-After', path: () => PAY(SINK), faults: [{ kind: 'rate-limit', retryAfter: 12 }], wait: /^rate limited, resuming in 12 s$/ },
  { name: '429 without Retry-After (backoff)', path: () => SEARCH_PATH, faults: [{ kind: 'rate-limit' }, { kind: 'rate-limit' }], wait: /^rate limited, resuming in \d+ s$/ },
  { name: '429 with X-RateLimit-Reset', path: () => PAY(ISSUER), faults: [{ kind: 'rate-limit', resetIn: 7 }], wait: /^rate limited, resuming in 7 s$/ },
  { name: '500 problem+json', path: () => PAY(DIST), faults: [{ kind: 'status', status: 500 }], wait: /HTTP 500 Internal Server Error.*; retrying in \d+ s$/ },
  { name: '502 problem+json', path: () => opsPath, faults: [{ kind: 'status', status: 502, title: 'Bad Gateway' }], wait: /HTTP 502 Bad Gateway.*retrying in/ },
  { name: '503 problem+json', path: () => SEARCH_PATH, faults: [{ kind: 'status', status: 503 }, { kind: 'status', status: 503 }], wait: /HTTP 503 Historical DB Is Too Stale/ },
  { name: '504 problem+json', path: () => REPORT_PATH, faults: [{ kind: 'status', status: 504 }], wait: /HTTP 504 Timeout/ },
  { name: 'connection reset mid-body', path: () => PAY(SINK), faults: [{ kind: 'reset' }], wait: /failed: .*retrying in/ },
  { name: 'hang (timeout)', hangs: true, path: () => REPORT_PATH, faults: [{ kind: 'hang' }], wait: new RegExp(`myRpt\\.asp\\S* timed out after ${TIMEOUT_MS} ms; retrying in`) },
  { name: 'truncated 200 body', path: () => PAY(ISSUER), faults: [{ kind: 'truncated' }], wait: /not valid JSON.*retrying in/ },
  { name: 'non-JSON 200 body', path: () => SEARCH_PATH, faults: [{ kind: 'non-json' }], wait: /not valid JSON \(\d+ bytes starting "<html>.*retrying in/ },
  {
    name: 'page with records out of order',
    path: () => PAY(ISSUER),
    faults: [{ kind: 'out-of-order' }],
    stops: { code: 'SOURCE_ERROR', message: /^minted-blocks \(Horizon \+ Verra pool report\): http:\/\/127\.0\.0\.1:\d+\/accounts\/G\w+\/payments\?\S+: the page lists record \d+ after \d+: records out of order/ },
  },
  {
    name: 'page repeating the previous page',
    path: () => PAY(DIST),
    faults: [{ kind: 'slow', ms: 1 }, { kind: 'repeat-previous' }],
    stops: { code: 'SOURCE_ERROR', message: /^distribution-txs \(Horizon\): http:\S+: the page repeats record \d+, at or before the cursor \d+/ },
  },
  {
    name: 'HTML report without the table',
    path: () => REPORT_PATH,
    faults: [{ kind: 'no-table' }],
    stops: { code: 'SOURCE_ERROR', message: /^minted-blocks \(Horizon \+ Verra pool report\): Verra carbon pool report http\S+: the page has no table with a "Serial Number" header/ },
  },
  {
    name: 'Verra search page repeating the previous page',
    path: () => SEARCH_PATH,
    faults: [{ kind: 'slow', ms: 1 }, { kind: 'repeat-previous' }],
    pageSize: 5,
    stops: { code: 'SOURCE_ERROR', message: /^retirements \(Verra asset search\): Verra asset search http\S+: got 5 of the 17 retirements it counted \(page 2 was empty or repeated an earlier page\)/ },
  },
  {
    name: '503 beyond the retries',
    path: () => SEARCH_PATH,
    faults: Array.from({ length: MAX_RETRIES + 1 }, (): Fault => ({ kind: 'status', status: 503 })),
    stops: { code: 'SOURCE_ERROR', message: /^retirements \(Verra asset search\): http\S+: HTTP 503 .*\(gave up after 6 attempts\)/ },
  },
  {
    name: '429 beyond the retries',
    path: () => PAY(SINK),
    faults: Array.from({ length: MAX_RETRIES + 1 }, (): Fault => ({ kind: 'rate-limit', retryAfter: 1 })),
    stops: { code: 'RATE_LIMITED', message: /^sinking-txs \(Horizon\): http\S+: rate limited \(429.*\(gave up after 6 attempts\)/ },
  },
  {
    name: 'a server that never answers',
    hangs: true,
    path: () => REPORT_PATH,
    faults: Array.from({ length: MAX_RETRIES + 1 }, (): Fault => ({ kind: 'hang' })),
    stops: { code: 'SOURCE_ERROR', message: new RegExp(`^minted-blocks \\(Horizon \\+ Verra pool report\\): GET http\\S+ timed out after ${TIMEOUT_MS} ms \\(gave up after 6 attempts\\)`) },
  },
  {
    name: 'Retry-After longer than allowed',
    path: () => SEARCH_PATH,
    faults: [{ kind: 'rate-limit', retryAfter: 7200 }],
    stops: { code: 'RATE_LIMITED', message: /^retirements \(Verra asset search\): .*asks to wait 7200 s, longer than allowed/ },
  },
];

describe.skipIf(!hasShared)('catch-up under source faults', () => {
  let server: FakeWorldServer;
  let config: SourceConfig;
  let reference: DataSnapshot;
  let referenceCursors: Record<string, string | null>;
  const tally = { faults: 0, runs: 0, lost: 0, extra: 0 };

  const httpFor = (sleeps: number[], timeoutMs = NORMAL_TIMEOUT_MS) => ({
    maxRetries: MAX_RETRIES,
    timeoutMs,
    maxServerWaitMs: 3_600_000,
    // Retries never sleep for real; the waits asked for are recorded.
    sleep: (ms: number) => (sleeps.push(ms), Promise.resolve()),
  });

  const settle = (db: WriteDb) => {
    const actual = dataSnapshot(db);
    const { lost, extra } = compareSnapshots(reference, actual);
    tally.lost += lost;
    tally.extra += extra;
    return { actual, lost, extra };
  };

  beforeAll(async () => {
    server = await startFakeWorld(worldFromScData(SC_DATA_DIR));
    config = loadSourceConfig({}, server.settings);
    const firstSink = server.world.horizon.payments[SINK]?.[0]?.transaction_hash as string;
    opsPath = `/transactions/${firstSink}/operations`;
    const db = openWriteDb(':memory:');
    await catchUp(db, config, { http: httpFor([]) });
    reference = dataSnapshot(db);
    referenceCursors = cursorSnapshot(db);
    db.close();
    expect(reference.sinking_txs).toHaveLength(31);
  });
  afterAll(async () => {
    await server?.close();
    console.log(`[reliability] source faults: ${tally.faults} injected over ${tally.runs} catch-ups; rows lost ${tally.lost}, duplicated ${tally.extra}`);
  });

  it.each(CASES)('$name', async (c) => {
    server.faults.clear();
    server.faults.add(c.path(), ...c.faults);
    tally.faults += c.faults.length;
    if (c.pageSize) server.world.verra.maxPageSize = c.pageSize;
    const db = openWriteDb(':memory:');
    try {
      const sleeps: number[] = [];
      const events: StepProgress[] = [];
      const run = catchUp(db, config, { http: httpFor(sleeps, c.hangs ? TIMEOUT_MS : NORMAL_TIMEOUT_MS), onProgress: (p) => events.push(p) });
      tally.runs++;
      if (c.stops) {
        const err = await run.then(() => null, (e: unknown) => e);
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).code).toBe(c.stops.code);
        expect((err as AppError).message).toMatch(c.stops.message);
        // No partial step: every table is empty or complete.
        expect(partialTables(reference, dataSnapshot(db))).toEqual([]);
        if (!c.hangs) expect(sleeps.length).toBeLessThanOrEqual(MAX_RETRIES);
        server.faults.clear();
        await catchUp(db, config, { http: httpFor([]) });
        tally.runs++;
      } else {
        await run;
        const waits = events.filter((e) => e.state === 'waiting');
        expect(waits.filter((w) => (c.wait as RegExp).test(w.message ?? ''))).toHaveLength(c.faults.length);
        // With the short timeout a slow machine may time out an unrelated request too: that is a retry as well.
        if (c.hangs) for (const w of waits) expect(w.message).toMatch(/timed out after \d+ ms; retrying in/);
        else expect(waits).toHaveLength(c.faults.length);
        expect(sleeps).toHaveLength(waits.length);
      }
      const { actual, lost, extra } = settle(db);
      expect({ lost, extra }).toEqual({ lost: 0, extra: 0 });
      expect(actual).toEqual(reference);
      expect(cursorSnapshot(db)).toEqual(referenceCursors);
    } finally {
      delete server.world.verra.maxPageSize;
      db.close();
    }
  });

  it('shows a wait as job progress (what the UI and the CLI display), then goes on', async () => {
    server.faults.clear();
    server.faults.add(PAY(SINK), { kind: 'rate-limit', retryAfter: 12 });
    server.faults.add(SEARCH_PATH, { kind: 'status', status: 503 });
    tally.faults += 2;
    const saved = Object.fromEntries(Object.keys(server.settings).map((k) => [k, process.env[k]]));
    Object.assign(process.env, server.settings);
    const engine = new Engine(':memory:');
    const messages: string[] = [];
    engine.events.on('job.progress', (p) => p.message && messages.push(`${p.step}: ${p.message}`));
    try {
      await runSync(engine, { fresh: true, via: 'test', http: httpFor([]) });
      tally.runs++;
      expect(messages).toContain('sinking-txs: rate limited, resuming in 12 s');
      expect(messages.some((m) => /^retirements: http\S+: HTTP 503 .*; retrying in \d+ s$/.test(m))).toBe(true);
      expect(settle(engine.writer()).actual).toEqual(reference);
    } finally {
      engine.close();
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it('shows a wait as job progress when the steps run in the sync worker thread (as in the app)', async () => {
    server.faults.clear();
    server.faults.add(PAY(SINK), { kind: 'rate-limit', retryAfter: 1 });
    tally.faults += 1;
    const saved = Object.fromEntries(Object.keys(server.settings).map((k) => [k, process.env[k]]));
    Object.assign(process.env, server.settings);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-faults-worker-'));
    const engine = new Engine(path.join(dir, 'db.sqlite3'));
    const messages: string[] = [];
    engine.events.on('job.progress', (p) => p.message && messages.push(`${p.step}: ${p.message}`));
    try {
      // Plain-data HTTP options only, so runSync takes the worker path; the 1 s wait is real.
      await runSync(engine, { fresh: true, via: 'test', http: { timeoutMs: NORMAL_TIMEOUT_MS } });
      tally.runs++;
      expect(messages).toContain('sinking-txs: rate limited, resuming in 1 s');
      expect(settle(engine.writer()).actual).toEqual(reference);
    } finally {
      engine.close();
      fs.rmSync(dir, { recursive: true, force: true });
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it('backs off exponentially with jitter, capped, and honours Retry-After exactly', async () => {
    server.faults.clear();
    const faults: Fault[] = [
      ...Array.from({ length: 4 }, (): Fault => ({ kind: 'status', status: 503 })),
      { kind: 'rate-limit', retryAfter: 12 },
    ];
    server.faults.add(SEARCH_PATH, ...faults);
    tally.faults += faults.length;
    const sleeps: number[] = [];
    const db = openWriteDb(':memory:');
    try {
      await catchUp(db, config, { http: { ...httpFor(sleeps), baseDelayMs: 1000, maxDelayMs: 4000 } });
      tally.runs++;
      // attempt n waits within [cap/2, cap], cap = min(4000, 1000·2^n); the server's 12 s is kept as asked.
      const caps = [1000, 2000, 4000, 4000];
      sleeps.slice(0, 4).forEach((ms, i) => {
        expect(ms).toBeGreaterThanOrEqual((caps[i] as number) / 2);
        expect(ms).toBeLessThanOrEqual(caps[i] as number);
      });
      expect(sleeps[4]).toBe(12_000);
      expect(settle(db).actual).toEqual(reference);
    } finally {
      db.close();
    }
  });

  it('ends in the fault-free state whatever mix of faults hits whichever request (property)', async () => {
    const paths = () => [PAY(SINK), PAY(ISSUER), PAY(DIST), opsPath, SEARCH_PATH, REPORT_PATH];
    const anyFault = fc.oneof(
      fc.constant<Fault>({ kind: 'rate-limit' }),
      fc.integer({ min: 0, max: 30 }).map((s): Fault => ({ kind: 'rate-limit', retryAfter: s })),
      fc.constantFrom(500, 502, 503, 504).map((status): Fault => ({ kind: 'status', status })),
      fc.constantFrom<Fault>({ kind: 'reset' }, { kind: 'truncated' }, { kind: 'non-json' }, { kind: 'hang' }),
      fc.constantFrom<Fault>({ kind: 'out-of-order' }, { kind: 'repeat-previous' }, { kind: 'no-table' }),
    );
    const plan = fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.array(anyFault, { minLength: 1, maxLength: 8 })), { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(plan, async (entries) => {
        server.faults.clear();
        for (const [i, faults] of entries) {
          server.faults.add(paths()[i] as string, ...faults);
          tally.faults += faults.length;
        }
        const db = openWriteDb(':memory:');
        try {
          // Each failed run must leave whole steps only; a handful of runs always gets through (faults are finite).
          for (let attempt = 0; ; attempt++) {
            tally.runs++;
            const err = await catchUp(db, config, { http: httpFor([], TIMEOUT_MS) }).then(() => null, (e: unknown) => e);
            if (err === null) break;
            expect(err).toBeInstanceOf(AppError);
            // A stale cache answering the first request with an empty page looks like "nothing new": that step
            // stores nothing (its cursor stays), and a later step that needs the records names what is missing.
            expect((err as AppError).message).toMatch(
              /^((distribution-txs|sinking-txs|retirements|minted-blocks) \((Horizon|Verra asset search|Horizon \+ Verra pool report)\)|retirement-from-block|sink-statuses): /,
            );
            expect(partialTables(reference, dataSnapshot(db))).toEqual([]);
            expect(attempt).toBeLessThan(40);
          }
          const { lost, extra } = settle(db);
          expect({ lost, extra }).toEqual({ lost: 0, extra: 0 });
          expect(dataSnapshot(db)).toEqual(reference);
        } finally {
          db.close();
          server.faults.clear();
        }
      }),
      { numRuns: 25, seed: 20261124 },
    );
  }, 120_000);
});
