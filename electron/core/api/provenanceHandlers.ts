import { runProvenanceCheck } from '../audit/provenance/provenance.js';
import { provenanceRows, provenanceSummary } from '../audit/provenance/results.js';
import type { HandlerSlice } from './handlerTypes.js';

export const provenanceHandlers: HandlerSlice<'provenance.check' | 'provenance.summary' | 'provenance.rows'> = (engine) => ({
  'provenance.check': (p, ctx) =>
    engine.jobs.run('provenance', { via: ctx.via, signal: ctx.signal, jobId: p.jobId }, (job) =>
      runProvenanceCheck(engine, {
        via: ctx.via,
        note: p.note,
        signal: job.signal,
        onProgress: (q) => job.progress({ step: 'provenance', done: q.done, total: q.total, message: q.message }),
      }),
    ),
  'provenance.summary': () => provenanceSummary(engine.reader()),
  'provenance.rows': (p) => provenanceRows(engine.reader(), p),
});
