import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SinkingTxRow } from '../../../shared/api/views.js';
import { AppError } from '../../../shared/errors.js';
import { dispatch } from '../api/dispatch.js';
import { createBackup } from '../backup/createBackup.js';
import { openWriteDb } from '../db/open.js';
import { createHandlers } from '../api/handlers.js';
import { Engine } from '../engine.js';
import { runExport } from '../export/exportSession.js';
import { exportToFile } from '../export/exportToFile.js';
import type { ByteSink } from '../export/writeExport.js';
import { worldFromScData, worldSlice, type ScWorld } from '../../testkit/fakeWorld/fromScData.js';
import { startFakeWorld, type FakeWorldServer } from '../../testkit/fakeWorld/server.js';
import { Child } from '../../testkit/reliability/child.js';
import { dataSnapshot } from '../../testkit/reliability/dbSnapshot.js';
import { hasShared, SC_DATA_DIR } from '../../testkit/sharedDir.js';
import { runSync } from './runSync.js';
import { EnvPatch } from '../../testkit/envPatch.js';

/**
 * Concurrency: two catch-ups on one database file never run together (two windows = two engines in one process;
 * the app and the CLI = two processes), the loser is told who holds the lock since when, and reads and exports
 * keep working — on a consistent snapshot — while a catch-up writes.
 */

const CHILD = 'electron/testkit/reliability/catchUpChild.ts';
const HELD = /^a catch-up is already running since \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC, started by [\w-]+ \(pid \d+ on host .+\)$/;

describe.skipIf(!hasShared)('concurrent catch-ups, reads and exports', () => {
  let server: FakeWorldServer;
  let full: ScWorld;
  let dir: string;
  const env = new EnvPatch();
  const children: Child[] = [];
  const engines: Engine[] = [];

  const engineOn = (file: string) => {
    const e = new Engine(file);
    engines.push(e);
    return e;
  };
  const child = (file: string, env: Record<string, string>) => {
    const c = new Child(CHILD, [file], { ...server.settings, ...env });
    children.push(c);
    return c;
  };

  beforeAll(async () => {
    full = worldFromScData(SC_DATA_DIR);
    server = await startFakeWorld(full);
    env.set(server.settings);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-concurrency-'));
  });
  afterEach(async () => {
    for (const c of children.splice(0)) await c.kill();
    for (const e of engines.splice(0)) e.close();
    server.faults.clear();
    server.world = full;
  });
  afterAll(async () => {
    env.restore();
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('two windows (two engines, one file): the second catch-up gets SYNC_RUNNING, the first completes', async () => {
    const file = path.join(dir, 'two-windows.sqlite3');
    const a = engineOn(file);
    const b = engineOn(file);
    const first = runSync(a, { fresh: true, via: 'ipc', actor: 'window-a' });
    const second = await dispatch(createHandlers(b), 'sync.catchUp', { fresh: true }, { via: 'ipc' });
    expect(second).toEqual({ ok: false, error: { code: 'SYNC_RUNNING', message: expect.stringMatching(HELD) as unknown as string } });
    expect(second.ok === false && second.error.message).toContain('started by window-a');
    await first;
    expect(dataSnapshot(b.reader()).sinking_txs).toHaveLength(31);
    // Released: the other window may run now (and finds nothing new).
    const again = await runSync(b, { fresh: true, via: 'ipc' });
    expect(again.counts.every((c) => c.loaded === 0)).toBe(true);
  });

  it('two processes started at the same moment on a new file: one catches up, the other is told it runs', async () => {
    const { distributor } = { distributor: Object.keys(full.horizon.payments).find((k) => k.endsWith('S4ZP')) as string };
    for (let round = 0; round < 2; round++) {
      const file = path.join(dir, `race-${round}.sqlite3`);
      // The winner's first Horizon page takes 3 s, so the loser surely asks while the winner holds the lock.
      server.faults.add(`/accounts/${distributor}/payments`, { kind: 'slow', ms: 3000 });
      const pair = [child(file, {}), child(file, {})];
      await Promise.all(pair.map((c) => c.exited));
      const outcomes = pair.map((c) => c.lines.find((l) => l.startsWith('done') || l.startsWith('error')) ?? `none: ${c.stderr}`);
      expect(outcomes.filter((o) => o.startsWith('done')), outcomes.join('\n')).toHaveLength(1);
      expect(outcomes.find((o) => !o.startsWith('done'))).toMatch(/^error SYNC_RUNNING a catch-up is already running since .* started by crash-child \(pid \d+ on host .+\)$/);
      const engine = engineOn(file);
      expect(dataSnapshot(engine.reader()).sinking_txs).toHaveLength(31);
      expect(engine.reader().prepare("SELECT status, count(*) AS n FROM audit_operations WHERE kind = 'catch-up' GROUP BY status").all()).toEqual([{ status: 'ok', n: 1 }]);
      server.faults.clear();
    }
  }, 120_000);

  it('the app and the CLI on one file: whoever comes second is refused with the holder and the time', async () => {
    const file = path.join(dir, 'app-and-cli.sqlite3');
    // "The app" is a child process whose catch-up is held mid-step (a stalled Horizon page).
    const sinkPath = `/accounts/${full.horizon.payments ? Object.keys(full.horizon.payments).find((k) => k.endsWith('SINK')) : ''}/payments`;
    server.faults.add(sinkPath, { kind: 'hang' });
    const app = child(file, {});
    await app.waitForLine((l) => l.startsWith('progress sinking-txs'));

    const engine = engineOn(file);
    const err = await runSync(engine, { fresh: true, via: 'cli' }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('SYNC_RUNNING');
    expect((err as AppError).message).toMatch(HELD);
    expect((err as AppError).message).toContain(`started by crash-child (pid ${app.pid} on host ${os.hostname()})`);

    // The real CLI says the same on stderr, exits non-zero, and writes nothing.
    const before = dataSnapshot(engine.reader());
    const cli = new Child('electron/cli.ts', ['--db', file, 'catch-up', '--fresh'], { SC_ACTOR: 'cli-user' });
    children.push(cli);
    const { code } = await cli.exited;
    expect(code).toBe(1);
    expect(cli.stderr.trim()).toMatch(/^error: a catch-up is already running since .* started by crash-child \(pid \d+ on host .+\)$/);
    expect(dataSnapshot(engine.reader())).toEqual(before);

    // Reads keep working while the catch-up holds the lock (WAL): views, stats, an export.
    const handlers = createHandlers(engine);
    const dists = await dispatch(handlers, 'views.distributionTxs', { limit: 1000 }, { via: 'test' });
    expect(dists.ok && (dists.value as { rows: unknown[] }).rows).toHaveLength(29);
    const out = path.join(dir, 'during-catch-up.csv');
    const exported = await exportToFile(engine, { view: 'distributionTxs', format: 'csv', filters: { order: 'desc' }, path: out });
    expect(exported.rows).toBe(29);
    // So does an online backup: a clean file holding the committed steps only.
    const backup = path.join(dir, 'during-catch-up.backup.sqlite3');
    await createBackup(engine, backup);
    const copy = openWriteDb(backup);
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(dataSnapshot(copy)).toEqual(dataSnapshot(engine.reader()));
      expect(dataSnapshot(copy).distribution_txs).toHaveLength(29);
    } finally {
      copy.close();
    }

    // The holder dies: its lock is stale, and the next catch-up takes over and completes.
    await app.kill();
    server.faults.clear();
    await runSync(engine, { fresh: true, via: 'cli' });
    expect(dataSnapshot(engine.reader()).sinking_txs).toHaveLength(31);
  }, 120_000);

  it('views and exports read only committed data while a catch-up is inside its write transaction', async () => {
    const file = path.join(dir, 'mid-commit-reads.sqlite3');
    // The writer sits inside the sinking-txs transaction (10 rows inserted, uncommitted) until released.
    const release = path.join(dir, 'release-mid-commit');
    const writer = child(file, { SC_TEST_BLOCK_IN: 'sinking_txs:10', SC_TEST_RELEASE_FILE: release });
    await writer.waitForLine((l) => l === 'in-commit', 60_000);
    const engine = engineOn(file);
    const handlers = createHandlers(engine);
    // Readers neither wait for the write lock nor see uncommitted rows (WAL).
    const sinks = await dispatch(handlers, 'views.sinkingTxs', {}, { via: 'test' });
    expect(sinks).toEqual({ ok: true, value: { rows: [], nextCursor: null } });
    expect((await dispatch(handlers, 'views.stats', {}, { via: 'test' })).ok).toBe(true);
    // An export also appends to the operation log, so it waits (busy timeout) for the commit, then reads one
    // snapshot: all 31 sinks or none, never the 10 uncommitted ones.
    fs.writeFileSync(release, '');
    const out = path.join(dir, 'mid-commit.json');
    const res = await exportToFile(engine, { view: 'sinkingTxs', format: 'json', filters: { order: 'desc' }, path: out });
    expect([0, 31]).toContain(res.rows);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toHaveLength(res.rows);
    await writer.waitForLine((l) => l.startsWith('done'), 60_000);
    expect(dataSnapshot(engine.reader()).sinking_txs).toHaveLength(31);
  }, 120_000);

  it('a writer that holds the lock beyond the busy timeout yields a clear SYNC_RUNNING, not "database is locked"', async () => {
    const file = path.join(dir, 'busy.sqlite3');
    const writer = child(file, { SC_TEST_BLOCK_IN: 'sinking_txs:1' });
    await writer.waitForLine((l) => l === 'in-commit', 60_000);
    const engine = engineOn(file);
    const res = await dispatch(createHandlers(engine), 'export.toFile', { view: 'retirements', format: 'csv', path: path.join(dir, 'busy.csv') }, { via: 'test' });
    expect(res).toEqual({ ok: false, error: { code: 'SYNC_RUNNING', message: expect.stringMatching(/^The database is busy: another process .* Try again when it is done\.$/) as unknown as string } });
    expect(fs.readdirSync(dir).filter((n) => n.includes('busy.csv'))).toEqual([]);
  }, 120_000);

  it('an export sees one snapshot even when a catch-up commits while it streams', async () => {
    const file = path.join(dir, 'snapshot.sqlite3');
    server.world = worldSlice(full, '2023-06-30');
    const engine = engineOn(file);
    await runSync(engine, { fresh: true, via: 'test' });
    const before = dataSnapshot(engine.reader()).sinking_txs.length;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(31);
    server.world = full;

    const chunks: Buffer[] = [];
    let caughtUp = false;
    const sink: ByteSink = {
      async write(chunk) {
        // A copy: the export reuses the buffer once this write has resolved.
        chunks.push(Buffer.from(chunk));
        if (!caughtUp) {
          caughtUp = true;
          // The whole rest of the world is loaded and committed after the export took its snapshot.
          await runSync(engine, { fresh: true, via: 'test' });
        }
      },
    };
    const outcome = await runExport(engine, { view: 'sinkingTxs', format: 'json', filters: { order: 'asc' } }, {}, { test: true }, {
      open: async () => sink,
      commit: async (o) => o,
      abort: async () => undefined,
    });
    expect(caughtUp).toBe(true);
    expect(dataSnapshot(engine.reader()).sinking_txs).toHaveLength(31);
    const rows = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SinkingTxRow[];
    expect(outcome.rows).toBe(before);
    expect(rows).toHaveLength(before);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(before);
  }, 120_000);
});
