import { runProofBundle } from '../proof/bundle.js';
import type { HandlerSlice } from './handlerTypes.js';

/** 'proof.bundle' as a job (kind 'proof'): asks Horizon and Verra, then writes the folder whole or not at all. */
export const proofHandlers: HandlerSlice<'proof.bundle'> = (engine) => ({
  'proof.bundle': (p, ctx) =>
    engine.jobs.run('proof', { via: ctx.via, signal: ctx.signal, jobId: p.jobId }, (job) => runProofBundle(engine, { hash: p.hash, outDir: p.outDir, note: p.note, via: ctx.via, signal: job.signal })),
});
