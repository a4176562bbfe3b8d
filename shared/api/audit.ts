import { z } from 'zod';
import { method } from '../contractKit.js';
import { clientJobId } from './jobs.js';
import { isoDate, isoDateOrTime } from './fields.js';
import type { Page as SharedPage } from './page.js';
import type { ProvenanceRun } from './provenance.js';

/** The audit trail's API: operation log, change log, record history, usage, verify, reports and replay. */

export type OperationStatus = 'running' | 'ok' | 'failed' | 'cancelled';

export interface OperationRow {
  id: string;
  /** Chain position of its start event; also the keyset-paging cursor. */
  seq: number;
  kind: string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  actor: string;
  host: string;
  pid: number | null;
  via: string | null;
  appVersion: string;
  schemaVersion: number;
  sourceUrls: string[];
  latestLedger: number | null;
  /** JSON text (TOIDs and amounts inside stay exact). */
  params: string;
  result: string | null;
  /** A start without a finish whose process is gone is shown as failed. */
  status: OperationStatus;
  error: string | null;
  note: string | null;
  /** The CLI arguments that started it, when started from the CLI. */
  command: string[] | null;
}

export type ChangeKind = 'insert' | 'update' | 'delete';

export interface ChangeRow {
  seq: number;
  operationId: string | null;
  table: string;
  key: string;
  kind: ChangeKind;
  /** JSON text of the row before/after (null for insert/delete). Text, because TOIDs exceed 2^53. */
  before: string | null;
  after: string | null;
  changedAt: string;
  hash: string;
}

/** The audit lists' pages: the cursor is a seq, passed back as `before`. */
export type Page<T> = SharedPage<T, number>;

export interface ChainHead {
  seq: number;
  hash: string;
}

export interface UsageDay {
  day: string;
  kind: string;
  count: number;
  ok: number;
  failed: number;
  cancelled: number;
  running: number;
}

export interface UsageKind {
  kind: string;
  count: number;
  /** ok / finished, 0..1; null when none finished. */
  successRate: number | null;
  p50Ms: number | null;
  p90Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

export interface UsageStats {
  perDay: UsageDay[];
  perKind: UsageKind[];
  total: { count: number; successRate: number | null };
}

export type CheckStatus = 'pass' | 'fail' | 'findings';

export interface Offender {
  table: string | null;
  key: string | null;
  message: string;
}

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  /** Offenders found (the list below may be cut at a limit). */
  count: number;
  offenders: Offender[];
  /** The finding in one line, when a check says more than its count ("8 sales past the 90-day grace period (0.932 t not retired)"). */
  headline?: string;
  /** The filter of the check's own view that lists exactly its offenders (e.g. the sales' `unfinalizedBefore`). */
  listParams?: Record<string, string>;
}

export interface VerifyReport {
  ok: boolean;
  checkedAt: string;
  graceDays: number;
  head: ChainHead | null;
  checks: CheckResult[];
  operationId: string;
  /** The provenance check run first (null: not asked for, or nothing was due and no source was needed). */
  provenance?: ProvenanceRun | null;
  /** Why the provenance check could not finish (a source down, rate limited…): its rows stay unchecked. */
  provenanceError?: string | null;
}

/** A verify's outcome in brief: what a catch-up, bootstrap or restore prints last, and the jobs' results carry. */
export interface VerifyVerdict {
  ok: boolean;
  operationId: string;
  checkedAt: string;
  failed: { check: string; count: number; headline: string }[];
  findings: { check: string; count: number; headline: string }[];
}

/** Progress of verify's checks (the job's 'verify' step). */
export interface VerifyProgress {
  done: number;
  total: number;
  check: string;
}

export interface WrittenFiles {
  files: { path: string; sha256: string; bytes: number }[];
  head: ChainHead | null;
  operationId: string;
  /** FILE.sig.json of each file, when a signing key is configured (report). */
  signatureFiles?: string[];
}

/** 'YYYY-MM-DD' or an ISO datetime (UTC). A date-only upper bound includes that whole day. */
export const auditDate = isoDateOrTime;
const limit = z.number().int().min(1).max(10_000).default(200);
const cursor = z.number().int().min(1).optional();

export const operationFilter = z
  .object({
    kind: z.string().min(1).optional(),
    actor: z.string().min(1).optional(),
    status: z.enum(['running', 'ok', 'failed', 'cancelled']).optional(),
    since: auditDate.optional(),
    until: auditDate.optional(),
    before: cursor,
    limit,
  })
  .strict();
export type OperationFilter = z.output<typeof operationFilter>;

export const changeFilter = z
  .object({
    table: z.string().min(1).optional(),
    key: z.string().min(1).optional(),
    operationId: z.string().min(1).optional(),
    since: auditDate.optional(),
    until: auditDate.optional(),
    before: cursor,
    limit,
  })
  .strict();
export type ChangeFilter = z.output<typeof changeFilter>;

export const auditMethods = {
  'audit.head': method<ChainHead | null>()(z.object({}).strict()),
  'audit.operations': method<Page<OperationRow>>()(operationFilter),
  'audit.operation': method<OperationRow>()(z.object({ id: z.string().min(1) }).strict()),
  'audit.changes': method<Page<ChangeRow>>()(changeFilter),
  'audit.history': method<ChangeRow[]>()(z.object({ table: z.string().min(1), key: z.string().min(1) }).strict()),
  'audit.usage': method<UsageStats>()(z.object({ since: auditDate.optional(), until: auditDate.optional() }).strict()),
  /** With `sources`, the provenance check re-derives the bootstrapped rows that are due first (network). */
  'audit.verify': method<VerifyReport>()(
    z
      .object({ graceDays: z.number().int().min(0).max(36_500).optional(), note: z.string().optional(), sources: z.boolean().default(false), jobId: clientJobId.optional() })
      .strict(),
    { job: true },
  ),
  /** The newest stored verify report (migration 010's verify_runs), or null when verify never ran: read, not re-run. */
  'audit.lastVerify': method<VerifyReport | null>()(z.object({}).strict()),
  /**
   * The auditor's report for a period (findings, reconciliation, review marks, provenance, audit head) as Markdown,
   * with `pdf` also as PDF; the per-day operation logs go to an appendix folder. Default folder: `reports` beside
   * the database. A job (kind 'report'): steps gather, markdown, pdf, sign.
   */
  'audit.report': method<WrittenFiles>()(
    z
      .object({ from: isoDate, to: isoDate, outDir: z.string().min(1).optional(), pdf: z.boolean().default(false), note: z.string().optional(), jobId: clientJobId.optional() })
      .strict(),
    { job: true },
  ),
  'audit.reproduce': method<WrittenFiles>()(
    z.object({ from: isoDate, to: isoDate, outFile: z.string().min(1), note: z.string().optional() }).strict(),
  ),
};
