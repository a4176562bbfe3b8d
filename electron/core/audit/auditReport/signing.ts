import type { ChainHead } from '../../../../shared/api/audit.js';
import type { ReadDb } from '../../db/types.js';

/** Signs the report's files (Markdown and PDF) and returns the signature files it wrote, e.g. FILE.sig.json. */
export type ReportSigner = (files: string[], head: ChainHead | null) => Promise<string[]> | string[];

/**
 * The signer of the reports, when a signing key is configured; null when none is. The one place the report
 * meets signing: completed by the signing work (SEP-53 signFiles with the configured key), a null today.
 */
export function reportSigner(_db: ReadDb): ReportSigner | null {
  return null;
}
