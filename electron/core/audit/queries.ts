import type {
  ChainHead,
  ChangeFilter,
  ChangeKind,
  ChangeRow,
  OperationFilter,
  OperationRow,
  OperationStatus,
  Page,
  UsageDay,
  UsageKind,
  UsageStats,
} from '../../../shared/api/audit.js';
import { AppError } from '../../../shared/errors.js';
import { type SqlFragment, EMPTY, sql, where } from '../db/sql.js';
import type { ReadDb } from '../db/types.js';
import { changeTimeBounds } from './changeBounds.js';
import { CHANGE_SPEC } from '../views/outputFields.js';
import { rowMapper } from '../views/rowCodec.js';
import { AUDITED_TABLES } from './changeTriggers.js';
import { interruptedMessage, isOperationProcessAlive } from './processLiveness.js';

/** Browsing the audit trail: operations, changes, one record's history, usage statistics. Keyset paging by seq. */

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Lower bound (inclusive) for a time column stored as 'YYYY-MM-DDTHH:MM:SS.sssZ'. */
export function sinceBound(since: string): string {
  return since.replace(/Z$/, '');
}

/** Upper bound (exclusive): a date includes its whole day; a datetime includes every time it prefixes. */
export function untilBound(until: string): string {
  return DAY_RE.test(until) ? nextDay(until) : `${until.replace(/Z$/, '')}~`;
}

interface OperationSqlRow {
  id: string;
  seq: number;
  kind: string;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  actor: string;
  host: string;
  pid: number | null;
  via: string | null;
  app_version: string;
  schema_version: number;
  source_urls: string | null;
  latest_ledger: number | null;
  params: string;
  result: string | null;
  status: OperationStatus;
  error: string | null;
  note: string | null;
  command: string | null;
}

export function toOperationRow(r: OperationSqlRow): OperationRow {
  let status = r.status;
  let error = r.error;
  // A start without a finish whose process is gone was killed or crashed: show it as failed.
  if (status === 'running' && !isOperationProcessAlive(r)) {
    status = 'failed';
    error = interruptedMessage(r);
  }
  return {
    id: r.id,
    seq: r.seq,
    kind: r.kind,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    durationMs: r.duration_ms,
    actor: r.actor,
    host: r.host,
    pid: r.pid,
    via: r.via,
    appVersion: r.app_version,
    schemaVersion: r.schema_version,
    sourceUrls: r.source_urls ? (JSON.parse(r.source_urls) as string[]) : [],
    latestLedger: r.latest_ledger,
    params: r.params,
    result: r.result,
    status,
    error,
    note: r.note,
    command: r.command ? (JSON.parse(r.command) as string[]) : null,
  };
}

/** The operation log's one query, newest first; 'running' rows may really be failed (dead process), so both are read. */
export function operationsQuery(f: Partial<OperationFilter>, limit: number | null): SqlFragment {
  const conditions = where([
    f.kind && sql`kind = ${f.kind}`,
    f.actor && sql`actor = ${f.actor}`,
    f.since && sql`started_at >= ${sinceBound(f.since)}`,
    f.until && sql`started_at < ${untilBound(f.until)}`,
    f.before && sql`seq < ${f.before}`,
    f.status === 'failed' ? sql`status IN ('failed', 'running')` : f.status && sql`status = ${f.status}`,
  ]);
  return sql`SELECT * FROM audit_operations ${conditions} ORDER BY seq DESC ${limit === null ? EMPTY : sql`LIMIT ${limit}`}`;
}

/** Raw operation rows → API rows, classified ('running' with a dead process = failed), then the status filter. */
export function operationRows(raw: Record<string, unknown>[], f: Partial<OperationFilter>): OperationRow[] {
  return (raw as unknown as OperationSqlRow[]).map(toOperationRow).filter((r) => !f.status || r.status === f.status);
}

export function listOperations(db: ReadDb, f: Partial<OperationFilter>): Page<OperationRow> {
  const limit = f.limit ?? 200;
  const q = operationsQuery(f, limit + 1);
  const rows = db.prepare(q.text).all(...q.params) as OperationSqlRow[];
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  return { rows: operationRows(page as unknown as Record<string, unknown>[], f), nextCursor: more ? (page[page.length - 1]?.seq ?? null) : null };
}

export function getOperation(db: ReadDb, id: string): OperationRow {
  const r = db.prepare('SELECT * FROM audit_operations WHERE id = ?').get(id) as OperationSqlRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', `No operation with id ${id} in the audit log.`);
  return toOperationRow(r);
}

/** Operations that started in [from, to] (whole days), oldest first; excludeId = the report's own operation. */
export function operationsInRange(db: ReadDb, from: string, to: string, excludeId = ''): OperationRow[] {
  const rows = db
    .prepare(`SELECT * FROM audit_operations WHERE started_at >= ? AND started_at < ? AND id != ? ORDER BY seq`)
    .all(from, untilBound(to), excludeId) as OperationSqlRow[];
  return rows.map(toOperationRow);
}

interface ChangeSqlRow {
  seq: number;
  operation_id: string | null;
  table_name: string;
  record_key: string;
  kind: ChangeKind;
  before_json: string | null;
  after_json: string | null;
  changed_at: string;
  hash: string;
}

const mapChange = rowMapper(CHANGE_SPEC);

export function toChangeRow(r: ChangeSqlRow): ChangeRow {
  return mapChange(r as unknown as Record<string, unknown>);
}

function checkTable(table: string): void {
  if (!(AUDITED_TABLES as readonly string[]).includes(table)) {
    throw new AppError('BAD_INPUT', `Unknown table ${JSON.stringify(table)}: expected one of ${AUDITED_TABLES.join(', ')}.`);
  }
}

/** The change log's one query, newest first. A time filter also bounds the seq walk (changeBounds.ts). */
export function changesQuery(f: Partial<ChangeFilter>, limit: number | null): SqlFragment {
  if (f.table) checkTable(f.table);
  const since = f.since ? sinceBound(f.since) : null;
  const until = f.until ? untilBound(f.until) : null;
  const filters = [
    // Served in page order by idx_ac_table_seq (migration 004) without a key, by idx_ac_record with one: neither
    // sorts every change of a big table, and a rare table is not found by walking all of seq either.
    f.table && sql`table_name = ${f.table}`,
    f.key && sql`record_key = ${f.key}`,
    f.operationId && sql`operation_id = ${f.operationId}`,
    since !== null && sql`changed_at >= ${since}`,
    until !== null && sql`changed_at < ${until}`,
  ];
  const page = sql`ORDER BY seq DESC ${limit === null ? EMPTY : sql`LIMIT ${limit}`}`;
  if (since === null && until === null) return sql`SELECT * FROM audit_changes ${where([...filters, f.before && sql`seq < ${f.before}`])} ${page}`;
  const bounds = changeTimeBounds(since, until, f.before ?? null);
  const part = (bound: SqlFragment) => sql`SELECT * FROM audit_changes ${where([...filters, bound])}`;
  return bounds.stepBacks === null
    ? sql`${part(bounds.inOrder)} ${page}`
    : sql`${part(bounds.inOrder)} UNION ALL ${part(bounds.stepBacks)} ${page}`;
}

export function listChanges(db: ReadDb, f: Partial<ChangeFilter>): Page<ChangeRow> {
  const limit = f.limit ?? 200;
  const q = changesQuery(f, limit + 1);
  const rows = db.prepare(q.text).all(...q.params) as ChangeSqlRow[];
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  return { rows: page.map(toChangeRow), nextCursor: more ? (page[page.length - 1]?.seq ?? null) : null };
}

/** Every change of one record, oldest first. Composite keys are written 'a/b' (e.g. 'hash/certificate_id'). */
export function recordHistory(db: ReadDb, table: string, key: string): ChangeRow[] {
  checkTable(table);
  const rows = db
    .prepare('SELECT * FROM audit_changes WHERE table_name = ? AND record_key = ? ORDER BY seq')
    .all(table, key) as ChangeSqlRow[];
  return rows.map(toChangeRow);
}

export function chainHead(db: ReadDb): ChainHead | null {
  return (db.prepare('SELECT seq, hash FROM audit_head').get() as ChainHead | undefined) ?? null;
}

/** The chain entry (operation event or change) at seq, or null when the chain has no such seq. */
export function chainEntryAt(db: ReadDb, seq: number): ChainHead | null {
  const row = db
    .prepare('SELECT seq, hash FROM audit_operation_events WHERE seq = ? UNION ALL SELECT seq, hash FROM audit_changes WHERE seq = ?')
    .get(seq, seq) as ChainHead | undefined;
  return row ?? null;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

export function usageStats(db: ReadDb, f: { since?: string; until?: string } = {}): UsageStats {
  const q = sql`SELECT * FROM audit_operations ${where([
    f.since && sql`started_at >= ${sinceBound(f.since)}`,
    f.until && sql`started_at < ${untilBound(f.until)}`,
  ])} ORDER BY seq`;
  const rows = db.prepare(q.text).all(...q.params) as OperationSqlRow[];
  const days = new Map<string, UsageDay>();
  const kinds = new Map<string, { count: number; ok: number; finished: number; durations: number[] }>();
  let ok = 0;
  let finished = 0;
  for (const raw of rows) {
    const r = toOperationRow(raw);
    const day = r.startedAt.slice(0, 10);
    const dk = `${day}\u0000${r.kind}`;
    const d = days.get(dk) ?? { day, kind: r.kind, count: 0, ok: 0, failed: 0, cancelled: 0, running: 0 };
    d.count++;
    d[r.status]++;
    days.set(dk, d);
    const k = kinds.get(r.kind) ?? { count: 0, ok: 0, finished: 0, durations: [] };
    k.count++;
    if (r.status !== 'running') {
      k.finished++;
      finished++;
    }
    if (r.status === 'ok') {
      k.ok++;
      ok++;
    }
    if (r.durationMs != null) k.durations.push(r.durationMs);
    kinds.set(r.kind, k);
  }
  const perKind: UsageKind[] = [...kinds.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, k]) => {
      const sorted = [...k.durations].sort((a, b) => a - b);
      return {
        kind,
        count: k.count,
        successRate: k.finished ? k.ok / k.finished : null,
        p50Ms: percentile(sorted, 50),
        p90Ms: percentile(sorted, 90),
        p99Ms: percentile(sorted, 99),
        maxMs: sorted.length ? (sorted[sorted.length - 1] ?? null) : null,
      };
    });
  const perDay = [...days.values()].sort((a, b) => a.day.localeCompare(b.day) || a.kind.localeCompare(b.kind));
  return { perDay, perKind, total: { count: rows.length, successRate: finished ? ok / finished : null } };
}
