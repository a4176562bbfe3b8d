import type { ChainHead, CheckResult } from '../../../../shared/api/audit.js';
import type { ProvenanceSummary } from '../../../../shared/api/provenance.js';

/**
 * Everything the auditor's report says, gathered once by gatherAuditReport (gather.ts) and written by the Markdown
 * and HTML writers. Amounts are exact integers: carbon in kg (tonnes × 1000), credits in whole VCUs.
 */
export interface AuditReportData {
  /** Whole UTC days, inclusive. */
  period: { from: string; to: string };
  generatedAt: string;
  appVersion: string;
  /** The audit chain head the report pins (null: the log is empty). */
  head: ChainHead | null;
  findings: ReportFindings;
  reconciliation: Reconciliation;
  /** The auditor's review marks and notes; null when this database has no review_marks table. */
  marks: ReviewMark[];
  provenance: { reads: SourceRead[]; summary: ProvenanceSummary };
  /** Operations recorded in the period, by status (the day files in the appendix list each one). */
  operations: { count: number; ok: number; failed: number; cancelled: number; running: number };
}

export interface ReportFindings {
  /** 'verify': the checks ran offline on the database at the head while the report was written. */
  source: 'verify';
  ok: boolean;
  graceDays: number;
  checks: CheckResult[];
}

export interface RecipientFigures {
  recipient: string;
  sales: number;
  /** kg */
  sunk: bigint;
  retired: bigint;
  pending: bigint;
}

export interface Reconciliation {
  /** Per recipient, largest sunk first. */
  perRecipient: RecipientFigures[];
  /** Over all sales: sunk = Σ carbon_amount, retired = Σ fills, pending = Σ per sale (amount − filled). */
  totals: { sales: number; sunk: bigint; retired: bigint; pending: bigint };
  /** Credits (VCU): minted, retired from blocks, remaining per block summed. */
  credits: { minted: bigint; retiredFromBlocks: bigint; remaining: bigint };
}

/** One review mark as stored (column → value as text); the columns are the review_marks table's own. */
export interface ReviewMark {
  fields: [string, string][];
}

/** One operation of the period that read a source: a catch-up's URLs, a bootstrap's files, a restore's folder. */
export interface SourceRead {
  operationId: string;
  seq: number;
  kind: string;
  startedAt: string;
  status: string;
  actor: string;
  sources: string[];
  /** Files read, with their sha256 when the operation recorded it. */
  files: { name: string; sha256: string | null; bytes: number | null; rows: number | null }[];
  latestLedger: number | null;
  error: string | null;
}

export const recipientIdentityHolds = (r: { sunk: bigint; retired: bigint; pending: bigint }): boolean => r.sunk === r.retired + r.pending;
