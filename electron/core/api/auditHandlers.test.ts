import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChainHead, ChangeRow, OperationRow, Page, UsageStats, VerifyReport, WrittenFiles } from '../../../shared/api/audit.js';
import { seed, TX1 } from '../../testkit/auditTestDb.js';
import { Engine } from '../engine.js';
import { dispatch } from './dispatch.js';
import { createHandlers } from './handlers.js';

describe('audit API', () => {
  const engine = new Engine(':memory:');

  async function call<T>(name: string, params: unknown): Promise<T> {
    const res = await dispatch(createHandlers(engine), name, params, { via: 'ipc' });
    if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
    return res.value as T;
  }

  it('browses operations, changes, history, usage and the head; runs verify, report and reproduce', async () => {
    seed(engine.writer());
    const head = await call<ChainHead>('audit.head', {});
    expect(head.hash).toMatch(/^[0-9a-f]{64}$/);

    const ops = await call<Page<OperationRow>>('audit.operations', { kind: 'load' });
    expect(ops.rows).toHaveLength(1);
    expect((await call<OperationRow>('audit.operation', { id: ops.rows[0]!.id })).kind).toBe('load');
    const changes = await call<Page<ChangeRow>>('audit.changes', { table: 'sinking_txs', limit: 2 });
    expect(changes.rows).toHaveLength(2);
    expect(changes.nextCursor).not.toBeNull();
    expect((await call<ChangeRow[]>('audit.history', { table: 'sinking_txs', key: TX1 }))[0]!.kind).toBe('insert');
    expect((await call<UsageStats>('audit.usage', {})).total.count).toBe(2);

    const report = await call<VerifyReport>('audit.verify', { graceDays: 10_000 });
    expect(report.ok).toBe(true);
    const verifyOp = await call<OperationRow>('audit.operation', { id: report.operationId });
    expect(verifyOp).toMatchObject({ kind: 'verify', via: 'ipc', status: 'ok' });

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-audit-api-'));
    const today = new Date().toISOString().slice(0, 10);
    const written = await call<WrittenFiles>('audit.report', { from: today, to: today, outDir: dir });
    // The auditor's report, its appendix's day file and summary (no PDF asked for).
    expect(written.files.map((f) => path.basename(f.path))).toEqual([`audit-report-${today}_${today}.md`, `audit-${today}.md`, `audit-summary-${today}_${today}.md`]);
    const script = await call<WrittenFiles>('audit.reproduce', { from: today, to: today, outFile: path.join(dir, 'r.sh') });
    expect(fs.readFileSync(script.files[0]!.path, 'utf8')).toContain('run verify --grace-days 10000');
  });

  it('refuses bad parameters before running anything', async () => {
    const handlers = createHandlers(engine);
    const bad = await dispatch(handlers, 'audit.operations', { since: 'yesterday' }, { via: 'ipc' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const table = await dispatch(handlers, 'audit.history', { table: 'audit_changes', key: '1' }, { via: 'ipc' });
    expect(table).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/Unknown table "audit_changes"/) as unknown } });
    const missing = await dispatch(handlers, 'audit.operation', { id: 'nope' }, { via: 'ipc' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
