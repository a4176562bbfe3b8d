import { z } from 'zod';
import { method } from '../contractKit.js';
import type { WrittenFiles } from './audit.js';
import { hexHash } from './fields.js';
import { clientJobId } from './jobs.js';

/**
 * A proof bundle per sale: a folder that re-checks one sale offline (raw Horizon and Verra answers, the audit entries
 * of its rows with the chain to the head, README.md and check.mjs). Asks Horizon and Verra while writing; a job
 * (kind 'proof'). Default folder: proofs/sale-<hash prefix>-<time> beside the database.
 */
export interface ProofBundleResult extends WrittenFiles {
  /** The bundle's folder. */
  dir: string;
}

export const proofMethods = {
  'proof.bundle': method<ProofBundleResult>()(
    z.object({ hash: hexHash, outDir: z.string().min(1).max(4096).optional(), note: z.string().max(1000).optional(), jobId: clientJobId.optional() }).strict(),
    { job: true },
  ),
};
