import { applyBackup } from '../backup/applyBackup.js';
import { createBackup } from '../backup/createBackup.js';
import { runCheck } from '../db/check.js';
import { restoreDumpFolder } from '../dump/restoreOperation.js';
import type { HandlerSlice } from './handlerTypes.js';

export const backupHandlers: HandlerSlice<'backup.create' | 'backup.apply' | 'dump.restore' | 'db.check'> = (engine) => ({
  'backup.create': (p, ctx) =>
    engine.jobs.run('backup-create', { jobId: p.jobId, via: ctx.via, signal: ctx.signal }, (job) =>
      createBackup(engine, p.path, { via: ctx.via, note: p.note, job }),
    ),
  'backup.apply': (p, ctx) =>
    engine.jobs.run('backup-apply', { jobId: p.jobId, via: ctx.via, signal: ctx.signal }, (job) =>
      applyBackup(engine, p.path, { dryRun: p.dryRun, via: ctx.via, note: p.note, verify: p.verify, job }),
    ),
  'dump.restore': (p, ctx) =>
    engine.jobs.run('restore', { jobId: p.jobId, via: ctx.via, signal: ctx.signal }, (job) =>
      restoreDumpFolder(engine, p.dir, { replace: p.replace, tables: p.tables, via: ctx.via, note: p.note, verify: p.verify, job }),
    ),
  'db.check': (p) => {
    const mode = p.full ? 'full' : 'quick';
    const { ok, messages } = runCheck(engine.writer(), mode);
    return { dbPath: engine.dbPath, mode, ok, messages, checkedAt: new Date().toISOString() };
  },
});
