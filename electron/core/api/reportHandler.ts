import type { Handler } from './handlerTypes.js';
import type { Engine } from '../engine.js';
import type { PdfRenderer } from '../audit/auditReport/pdf.js';
import { runAuditReport } from '../audit/auditReport/writeAuditReport.js';

/** 'audit.report' as a job (kind 'report'), printing the PDF with the given renderer (Playwright's or Electron's). */
export function reportHandler(engine: Engine, renderPdf: PdfRenderer): Handler<'audit.report'> {
  return (p, ctx) =>
    engine.jobs.run('report', { via: ctx.via, signal: ctx.signal, jobId: p.jobId }, (job) =>
      runAuditReport(engine, { ...p, via: ctx.via, signal: job.signal, onStep: (step) => job.progress({ step }, true) }, { renderPdf }),
    );
}
