import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApplyReport, DumpRestoreResult } from '../../../shared/api/backup.js';
import type { JobProgress } from '../../../shared/events.js';
import { listOperations } from '../audit/queries.js';
import type { Engine } from '../engine.js';
import { hasShared, SC_DATA_DIR } from '../../testkit/sharedDir.js';
import { TempEngines } from '../../testkit/tempEngines.js';
import { dispatch } from './dispatch.js';
import { createHandlers } from './handlers.js';

const temp = new TempEngines('sc-backup-api-');
afterEach(() => temp.cleanUp());

function progressOf(engine: Engine): JobProgress[] {
  const events: JobProgress[] = [];
  engine.events.on('job.progress', (p) => events.push(p));
  return events;
}

async function call<T>(engine: Engine, method: string, params: unknown): Promise<T> {
  const res = await dispatch(createHandlers(engine), method, params, { via: 'test' });
  if (!res.ok) throw new Error(`${method}: ${res.error.code} ${res.error.message}`);
  return res.value as T;
}

const verifyOps = (engine: Engine) => listOperations(engine.reader(), { kind: 'verify', limit: 10 }).rows;

// Issue 14: the verify after a restore or a backup apply runs in the app's job, with progress, as after a catch-up.
describe.skipIf(!hasShared)('dump.restore and backup.apply run as jobs', () => {
  it('restores the published dumps as a job whose verify step reports progress, then stores the verdict', async () => {
    const engine = temp.engine(temp.dbFile());
    const events = progressOf(engine);
    const r = await call<DumpRestoreResult>(engine, 'dump.restore', { dir: SC_DATA_DIR, jobId: 'restore-job-1' });
    expect(r.counts.reduce((a, c) => a + c.inserted, 0)).toBeGreaterThan(100);
    expect(r.verify).toMatchObject({ ok: true, findings: expect.arrayContaining([expect.objectContaining({ check: 'grace-period', count: 8 })]) });
    expect(events.every((e) => e.jobId === 'restore-job-1' && e.kind === 'restore')).toBe(true);
    expect(events.map((e) => e.step)).toContain('restore');
    const verifySteps = events.filter((e) => e.step === 'verify');
    expect(verifySteps.length).toBeGreaterThan(0);
    expect(verifySteps.at(-1)?.done).toBe(verifySteps.at(-1)?.total);
    expect(events.at(-1)?.state).toBe('done');
    const [op] = verifyOps(engine);
    expect(op).toMatchObject({ id: r.verify?.operationId, note: 'after restore' });
    const stored = await call<{ operationId: string } | null>(engine, 'audit.lastVerify', {});
    expect(stored?.operationId).toBe(r.verify?.operationId);
  });

  it('applies a backup as a job: copy, swap, then the verify of the database now in use, with progress', async () => {
    const source = temp.engine(temp.dbFile());
    await call(source, 'dump.restore', { dir: SC_DATA_DIR, verify: false });
    const backup = path.join(temp.dir(), 'b.sqlite3');
    await call(source, 'backup.create', { path: backup });

    const live = temp.engine(temp.dbFile());
    const events = progressOf(live);
    const r = await call<ApplyReport>(live, 'backup.apply', { path: backup, jobId: 'apply-job-1' });
    expect(r.dryRun).toBe(false);
    expect(r.verify).toMatchObject({ ok: true });
    expect(events.every((e) => e.jobId === 'apply-job-1' && e.kind === 'backup-apply')).toBe(true);
    expect(events.map((e) => e.step)).toEqual(expect.arrayContaining(['backup-apply', 'verify']));
    expect(events.at(-1)?.state).toBe('done');
    expect(verifyOps(live)[0]).toMatchObject({ id: r.verify?.operationId, note: 'after backup apply' });
  });

  it('a cancel during the verify cancels only the verify: the restore stays done and says so', async () => {
    const engine = temp.engine(temp.dbFile());
    engine.events.on('job.progress', (p) => {
      if (p.step === 'verify' && p.state === 'running') engine.jobs.cancel(p.jobId);
    });
    const r = await call<DumpRestoreResult>(engine, 'dump.restore', { dir: SC_DATA_DIR, jobId: 'restore-job-2' });
    expect(r.verify).toBeNull();
    expect(r.counts.reduce((a, c) => a + c.inserted, 0)).toBeGreaterThan(100);
    expect(engine.jobs.list().find((j) => j.jobId === 'restore-job-2')?.state).toBe('done');
    expect(verifyOps(engine)[0]).toMatchObject({ note: 'after restore', status: 'cancelled' });
  });

  it('refuses a job id already running, before touching anything', async () => {
    const engine = temp.engine(temp.dbFile());
    const handlers = createHandlers(engine);
    const first = dispatch(handlers, 'dump.restore', { dir: SC_DATA_DIR, jobId: 'same-job-id' }, { via: 'test' });
    const second = await dispatch(handlers, 'dump.restore', { dir: SC_DATA_DIR, jobId: 'same-job-id' }, { via: 'test' });
    expect(second).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('same-job-id') } });
    expect((await first).ok).toBe(true);
  });
});
