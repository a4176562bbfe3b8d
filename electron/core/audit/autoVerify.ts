import type { VerifyVerdict } from '../../../shared/api/audit.js';
import { AppError } from '../../../shared/errors.js';
import type { Engine } from '../engine.js';
import type { Job } from '../jobs/registry.js';
import { runVerify } from './verify.js';
import { verdictOf } from './verifyRuns.js';

/**
 * The verify that follows every catch-up, bootstrap and restore (issue 14): its own recorded operation (kind
 * 'verify'), in the same job (progress step 'verify'), checks run off the main thread. It runs the offline checks
 * only: the provenance check is read as stored (rows not yet re-derived stay listed as unchecked); re-deriving them
 * from Horizon and Verra needs the network and, on the real network, minutes — that stays `verify` (with sources)
 * on demand. A verify that cannot finish (or is cancelled) does not turn a catch-up into a failure: the warning
 * names why.
 */
export interface AutoVerifyOptions {
  via?: string;
  actor?: string;
  /** false: skip it (`--no-verify`). */
  verify?: boolean;
  onWarning?: (message: string) => void;
}

export async function verifyAfter(engine: Engine, job: Job | null, after: string, opts: AutoVerifyOptions): Promise<VerifyVerdict | null> {
  if (opts.verify === false) return null;
  try {
    const report = await runVerify(engine, {
      via: opts.via,
      actor: opts.actor,
      note: `after ${after}`,
      // Not a command of its own: replaying the command that triggered it runs it again (`reproduce`).
      command: null,
      signal: job?.signal,
      onProgress: (p) => job?.progress({ step: 'verify', done: p.done, total: p.total, message: p.check }),
    });
    return verdictOf(report);
  } catch (err) {
    // What triggered it is committed by now: a cancelled verify cancels only itself (its operation says so).
    if (job?.signal.aborted || (err instanceof AppError && err.code === 'CANCELLED')) {
      opts.onWarning?.(`verify after ${after} was cancelled; the ${after} itself is complete: run verify to check it`);
      return null;
    }
    opts.onWarning?.(`verify after ${after} could not finish: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}
