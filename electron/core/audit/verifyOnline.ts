import type { VerifyProgress, VerifyReport } from '../../../shared/api/audit.js';
import { AppError } from '../../../shared/errors.js';
import type { Engine } from '../engine.js';
import type { HttpOptions } from '../sources/http.js';
import { runProvenanceCheck, type ProvenanceOptions } from './provenance/provenance.js';
import { runVerify, type VerifyOptions } from './verify.js';

/**
 * `verify` with the sources: first the provenance check re-derives whatever bootstrapped rows are due (its own
 * recorded operation), then every check runs on the database. A source that is down does not hide the rest: the
 * report names it, and the rows it could not check stay listed as unchecked.
 */
export async function verifyWithSources(
  engine: Engine,
  opts: VerifyOptions & { note?: string; via?: string; signal?: AbortSignal; http?: HttpOptions; onProgress?: ProvenanceOptions['onProgress']; onCheckProgress?: (p: VerifyProgress) => void },
): Promise<VerifyReport> {
  let provenanceError: string | null = null;
  let provenance: VerifyReport['provenance'] = null;
  try {
    provenance = await runProvenanceCheck(engine, { via: opts.via, note: opts.note, signal: opts.signal, http: opts.http, onProgress: opts.onProgress });
  } catch (err) {
    if (err instanceof AppError && err.code === 'CANCELLED') throw err;
    provenanceError = err instanceof Error ? err.message : String(err);
  }
  const report = await runVerify(engine, { ...opts, onProgress: opts.onCheckProgress });
  return { ...report, provenance, provenanceError };
}
