import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { sha256Hex } from '../domain/hash.js';
import { openWriteDb } from '../db/open.js';
import { DATA_TABLES } from '../db/migrations/index.js';
import { Engine } from '../engine.js';
import { openAuditedDb, tempDbFile } from '../../testkit/auditTestDb.js';
import { AUDITED_TABLES } from './changeTriggers.js';
import { reapInterruptedOperations } from './operationLog.js';
import { beginOperation, runOperation, runOperationSync } from './operationRunner.js';
import { getOperation, listChanges, listOperations } from './queries.js';
import { verifyDatabase } from './verify.js';

const PROJECT = `INSERT INTO vcs_projects VALUES (1360, 'P', 'C', 'VM0015', NULL, 'R', 'Peru')`;

afterEach(() => {
  delete process.env.SC_ACTOR;
});

describe('operation log', () => {
  it('audits every data table of the schema, the review marks and the registry drift log', () => {
    expect([...AUDITED_TABLES]).toEqual([...DATA_TABLES, 'review_marks', 'registry_drift']);
  });

  it('openWriteDb reports the migrations it applied; the Engine records them as a schema change', () => {
    let reported: unknown;
    const bare = openWriteDb(':memory:', { onMigrated: (_db, m) => (reported = m) });
    expect(reported).toMatchObject({ from: 0, applied: expect.arrayContaining([1, 2]) as unknown });
    expect(listOperations(bare, {}).rows).toHaveLength(0);
    const db = new Engine(':memory:').writer();
    const ops = listOperations(db, {}).rows;
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ kind: 'schema-change', status: 'ok' });
    expect(JSON.parse(ops[0]!.params)).toMatchObject({ from: 0, applied: expect.arrayContaining([1, 2]) as unknown });
  });

  it('records one row per operation with who, where, what and the outcome', async () => {
    const db = openAuditedDb();
    process.env.SC_ACTOR = 'env-actor';
    const value = await runOperation(
      db,
      { kind: 'catch-up', params: { cursor: 164821723627237383n }, note: 'monthly audit', sourceUrls: ['http://127.0.0.1/horizon'], via: 'test' },
      (op) => {
        db.prepare(PROJECT).run();
        op.setResult({ steps: { projects: 1 } });
        op.setLatestLedger(51_000_000);
        return 'done';
      },
    );
    expect(value).toBe('done');
    const [op] = listOperations(db, { kind: 'catch-up' }).rows;
    expect(op).toMatchObject({
      kind: 'catch-up',
      actor: 'env-actor',
      host: os.hostname(),
      pid: process.pid,
      via: 'test',
      note: 'monthly audit',
      sourceUrls: ['http://127.0.0.1/horizon'],
      latestLedger: 51_000_000,
      status: 'ok',
      error: null,
      appVersion: expect.any(String) as unknown,
      schemaVersion: expect.any(Number) as unknown,
    });
    expect(op!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(op!.params).toBe('{"cursor":"164821723627237383"}');
    expect(op!.durationMs).toBeGreaterThanOrEqual(0);
    expect(op!.finishedAt! >= op!.startedAt).toBe(true);
    expect(JSON.parse(op!.result!)).toEqual({ steps: { projects: 1 }, changes: { vcs_projects: { insert: 1 } } });
    // The change is attributed to the operation.
    const changes = listChanges(db, { operationId: op!.id }).rows;
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ table: 'vcs_projects', key: '1360', kind: 'insert', before: null });
  });

  it('--actor beats SC_ACTOR, which beats the OS user', () => {
    const engine = new Engine(':memory:', { operationDefaults: { actor: 'cli-actor', note: 'cli note' } });
    const db = engine.writer();
    process.env.SC_ACTOR = 'env-actor';
    engine.runOperationSync({ kind: 'verify', actor: 'flag-actor', writes: false }, () => undefined);
    engine.runOperationSync({ kind: 'verify', writes: false }, () => undefined);
    runOperationSync(db, { kind: 'verify', writes: false }, () => undefined);
    delete process.env.SC_ACTOR;
    runOperationSync(db, { kind: 'verify', writes: false }, () => undefined);
    const actors = listOperations(db, { kind: 'verify' }).rows.map((r) => r.actor).reverse();
    expect(actors).toEqual(['flag-actor', 'cli-actor', 'env-actor', os.userInfo().username]);
    expect(listOperations(db, { actor: 'cli-actor' }).rows[0]!.note).toBe('cli note');
  });

  it('records an export file with its sha256', () => {
    const db = openAuditedDb();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sc-exp-')), 'out.csv');
    fs.writeFileSync(file, 'a,b\n1,2\n');
    runOperationSync(db, { kind: 'export', params: { view: 'inventory' }, writes: false }, (op) => op.recordOutputFile(file));
    const op = listOperations(db, { kind: 'export' }).rows[0]!;
    expect(JSON.parse(op.result!)).toEqual({ outputFiles: [{ path: file, bytes: 8, sha256: sha256Hex('a,b\n1,2\n') }] });
  });

  it('records failed and cancelled operations and rolls back their writes', async () => {
    const db = openAuditedDb();
    await expect(
      runOperation(db, { kind: 'load' }, () => {
        db.transaction(() => {
          db.prepare(PROJECT).run();
          throw new AppError('SOURCE_ERROR', 'Horizon said 503 for sinking txs');
        })();
      }),
    ).rejects.toThrow(/503/);
    await expect(
      runOperation(db, { kind: 'catch-up' }, () => {
        throw new AppError('CANCELLED', 'cancelled by the user');
      }),
    ).rejects.toThrow(/cancelled/);
    const [cancelled, failed] = listOperations(db, { status: undefined }).rows;
    expect(failed).toMatchObject({ kind: 'load', status: 'failed', error: 'Horizon said 503 for sinking txs' });
    expect(cancelled).toMatchObject({ kind: 'catch-up', status: 'cancelled' });
    expect(listChanges(db, {}).rows).toHaveLength(0);
    expect(listOperations(db, { status: 'failed' }).rows.map((r) => r.kind)).toEqual(['load']);
  });

  it('refuses a second writing operation on the same connection while one runs', async () => {
    const db = openAuditedDb();
    await runOperation(db, { kind: 'catch-up' }, async () => {
      expect(() => beginOperation(db, { kind: 'restore' })).toThrow(/still writing/);
      // Read-only operations (verify, report) may run meanwhile.
      runOperationSync(db, { kind: 'verify', writes: false }, () => undefined);
      await Promise.resolve();
    });
    expect(listOperations(db, {}).rows.map((r) => r.kind)).toEqual(['verify', 'catch-up', 'schema-change']);
  });

  it('shows an operation of this live process as running', () => {
    const db = openAuditedDb();
    const op = beginOperation(db, { kind: 'catch-up' });
    expect(getOperation(db, op.id).status).toBe('running');
    op.finish('ok', null);
    expect(getOperation(db, op.id).status).toBe('ok');
  });
});

describe('append-only audit tables', () => {
  it('rejects UPDATE and DELETE on the audit tables', () => {
    const db = openAuditedDb();
    runOperationSync(db, { kind: 'load' }, () => db.prepare(PROJECT).run());
    expect(() => db.prepare(`UPDATE audit_changes SET after_json = '{}'`).run()).toThrow(/append-only: UPDATE rejected/);
    expect(() => db.prepare('DELETE FROM audit_changes').run()).toThrow(/append-only: DELETE rejected/);
    expect(() => db.prepare(`UPDATE audit_operation_events SET actor = 'x'`).run()).toThrow(/append-only: UPDATE rejected/);
    expect(() => db.prepare('DELETE FROM audit_operation_events').run()).toThrow(/append-only: DELETE rejected/);
  });

  it('a plain connection (e.g. the sqlite3 shell) cannot write data tables: the triggers need the app', () => {
    const file = tempDbFile();
    openWriteDb(file).close();
    const raw = new Database(file);
    expect(() => raw.prepare(PROJECT).run()).toThrow(/no such function: sc_audit_/);
    raw.close();
  });
});

const TSX = path.resolve(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');

describe('crash mid-operation', () => {
  it('a killed process leaves its operation shown as failed, then closed as failed', async () => {
    const file = tempDbFile();
    openWriteDb(file).close();
    const script = path.join(path.dirname(file), 'crash.ts');
    const root = path.resolve(__dirname, '..', '..', '..');
    fs.writeFileSync(
      script,
      `import { openWriteDb } from ${JSON.stringify(path.join(root, 'electron/core/db/open.ts'))};
       import { runOperation } from ${JSON.stringify(path.join(root, 'electron/core/audit/operationRunner.ts'))};
       const db = openWriteDb(process.argv[2]!);
       void runOperation(db, { kind: 'catch-up', params: { crash: true } }, async () => {
         db.prepare(${JSON.stringify(PROJECT)}).run();
         process.stdout.write('ready ' + process.pid + '\\n');
         await new Promise((resolve) => setInterval(resolve, 60_000));
       });`,
    );
    const child = spawn(TSX, [script, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /ready (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    process.kill(pid, 'SIGKILL');
    await exited;

    const engine = new Engine(file);
    try {
      const db = engine.reader();
      const op = listOperations(db, { kind: 'catch-up' }).rows[0]!;
      expect(op.status).toBe('failed');
      expect(op.error).toMatch(/interrupted: process \d+ .* ended without finishing/);
      expect(listOperations(db, { status: 'failed' }).rows.map((r) => r.id)).toContain(op.id);
      expect(listOperations(db, { status: 'running' }).rows).toHaveLength(0);
      // The next operation closes it for good with a finish event; the chain stays intact.
      expect(reapInterruptedOperations(engine.writer())).toEqual([op.id]);
      const raw = engine.writer().prepare(`SELECT status FROM audit_operations WHERE id = ?`).pluck().get(op.id);
      expect(raw).toBe('failed');
      const report = verifyDatabase(engine.reader());
      expect(report.checks.find((c) => c.id === 'chain')!.status).toBe('pass');
      expect(report.checks.find((c) => c.id === 'replay')!.status).toBe('pass');
    } finally {
      engine.close();
    }
  });
});
