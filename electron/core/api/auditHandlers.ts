import { chainHead, getOperation, listChanges, listOperations, recordHistory, usageStats } from '../audit/queries.js';
import { playwrightPdfRenderer } from '../audit/auditReport/pdf.js';
import { reportHandler } from './reportHandler.js';
import { runReproduce } from '../audit/reproduce.js';
import { runVerify } from '../audit/verify.js';
import { lastVerifyRun } from '../audit/verifyRuns.js';
import { verifyWithSources } from '../audit/verifyOnline.js';
import type { HandlerSlice } from './handlerTypes.js';

type AuditMethod =
  | 'audit.head'
  | 'audit.operations'
  | 'audit.operation'
  | 'audit.changes'
  | 'audit.history'
  | 'audit.usage'
  | 'audit.verify'
  | 'audit.lastVerify'
  | 'audit.report'
  | 'audit.reproduce';

/** The audit trail over IPC/HTTP: browsing reads the read handle; verify/report/reproduce are recorded operations. */
export const auditHandlers: HandlerSlice<AuditMethod> = (engine) => ({
  'audit.head': () => chainHead(engine.reader()),
  'audit.operations': (p) => listOperations(engine.reader(), p),
  'audit.operation': (p) => getOperation(engine.reader(), p.id),
  'audit.changes': (p) => listChanges(engine.reader(), p),
  'audit.history': (p) => recordHistory(engine.reader(), p.table, p.key),
  'audit.usage': (p) => usageStats(engine.reader(), p),
  // With the sources it is a job (kind 'verify'): progress per checked row, cancellable.
  'audit.verify': (p, ctx) =>
    p.sources
      ? engine.jobs.run('verify', { via: ctx.via, signal: ctx.signal, jobId: p.jobId }, (job) =>
          verifyWithSources(engine, {
            graceDays: p.graceDays,
            note: p.note,
            via: ctx.via,
            signal: job.signal,
            onProgress: (q) => job.progress({ step: 'provenance', done: q.done, total: q.total, message: q.message }),
            onCheckProgress: (q) => job.progress({ step: 'verify', done: q.done, total: q.total, message: q.check }),
          }),
        )
      : runVerify(engine, { graceDays: p.graceDays, note: p.note, via: ctx.via }),
  'audit.lastVerify': () => lastVerifyRun(engine.reader()),
  // The desktop app replaces it with one that prints through Electron (electron/app/reportPdf.ts).
  'audit.report': reportHandler(engine, playwrightPdfRenderer),
  'audit.reproduce': (p, ctx) => runReproduce(engine, { ...p, via: ctx.via }),
});
