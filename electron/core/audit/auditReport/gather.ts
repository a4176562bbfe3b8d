import type { OperationRow } from '../../../../shared/api/audit.js';
import type { ReadDb } from '../../db/types.js';
import { graceDaysFor } from '../../settings/effective.js';
import { APP_VERSION } from '../../version.js';
import { provenanceSummary } from '../provenance/results.js';
import { chainHead, operationsInRange } from '../queries.js';
import { verifyDatabase } from '../verify.js';
import { reconciliation } from './reconciliation.js';
import { gatherReviewMarks } from './reviewMarks.js';
import { sourceReads } from './sourceReads.js';
import type { AuditReportData } from './types.js';

export interface GatherOptions {
  from: string;
  to: string;
  /** Default: the grace period in effect (env > stored setting > 90 days). */
  graceDays?: number;
  now?: Date;
  /** The report's own operation, left out of the period's operations. */
  excludeId?: string;
}

function statusCounts(ops: OperationRow[]): AuditReportData['operations'] {
  const c = { count: ops.length, ok: 0, failed: 0, cancelled: 0, running: 0 };
  for (const op of ops) c[op.status]++;
  return c;
}

/**
 * Gathers the auditor's report for a period from one read handle: verify's findings (offline, on the database at
 * the head), the reconciliation figures, the review marks, the provenance of the sources read, and the audit head.
 */
export function gatherAuditReport(db: ReadDb, opts: GatherOptions): AuditReportData {
  const now = opts.now ?? new Date();
  const ops = operationsInRange(db, opts.from, opts.to, opts.excludeId);
  const verified = verifyDatabase(db, { graceDays: opts.graceDays ?? graceDaysFor(db), now });
  return {
    period: { from: opts.from, to: opts.to },
    generatedAt: now.toISOString(),
    appVersion: APP_VERSION,
    head: chainHead(db),
    findings: { source: 'verify', ok: verified.ok, graceDays: verified.graceDays, checks: verified.checks },
    reconciliation: reconciliation(db),
    marks: gatherReviewMarks(db),
    provenance: { reads: sourceReads(ops), summary: provenanceSummary(db) },
    operations: statusCounts(ops),
  };
}
