import { AppError } from '../../../shared/errors.js';
import type { RetirementDetail, RetirementPage, RetirementsParams } from '../../../shared/api/views.js';
import { reviewedCondition } from '../audit/reviewMarks.js';
import { selectColumns } from '../db/schema.js';
import { allRows, direction, sql, sqlId, sqlJoin, where, type SqlFragment } from '../db/sql.js';
import type { ReadDb } from '../db/types.js';
import { keysetPage, lookahead, pageLimit } from './paging.js';
import { retiredFromBlockRow, retirementRow, sinkStatusRow, vcsProjectRow } from './rowMapping.js';

export { retirementRow } from './rowMapping.js';

/** The view's params (shared/api/views.ts); limit = rows the query returns (a page asks one more), null = every matching row (CLI, export). */
export type RetirementsQuery = Partial<Omit<RetirementsParams, 'limit'>> & { limit?: number | null };

/** Escapes LIKE wildcards, so a beneficiary containing % or _ is matched literally. */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** One bound of the certificate range, or the tightest of several: SQLite walks a rowid range by one bound per side. */
function tightest(bounds: SqlFragment[], fn: 'min' | 'max'): SqlFragment | null {
  if (bounds.length === 0) return null;
  if (bounds.length === 1) return bounds[0] as SqlFragment;
  // min()/max() of two or more arguments are scalar (NULL if one is): a date bound no retirement meets leaves none.
  return sql`${sqlId(fn, ['min', 'max'])}(${sqlJoin(bounds)})`;
}

/**
 * The view's one query: highest certificate_id first by default, keyset-paged by certificate_id.
 * The beneficiary filter is a prefix match, ASCII case-insensitive like sc-audit's (SQLite LIKE).
 * A date bound also bounds the certificates (migration 009's date records): every retirement before D has a
 * certificate at most the last low's before D, every one from D at least the first high's from D, so a page walks
 * certificates from there and skips only the retirements dated out of certificate order, not every newer one.
 */
export function retirementsQuery(q: RetirementsQuery): SqlFragment {
  const desc = (q.order ?? 'desc') === 'desc';
  const above: SqlFragment[] = [];
  const below: SqlFragment[] = [];
  if (q.cursor !== undefined) (desc ? below : above).push(sql`${q.cursor}`);
  if (q.fromDate !== undefined) {
    above.push(sql`(SELECT certificate_id - 1 FROM retirement_date_high WHERE retirement_date >= ${q.fromDate} ORDER BY retirement_date LIMIT 1)`);
  }
  if (q.beforeDate !== undefined) {
    below.push(sql`(SELECT certificate_id + 1 FROM retirement_date_low WHERE retirement_date < ${q.beforeDate} ORDER BY retirement_date DESC LIMIT 1)`);
  }
  const lower = tightest(above, 'max');
  const upper = tightest(below, 'min');
  const conditions = where([
    q.beneficiary !== undefined && sql`retirement_beneficiary LIKE ${likePrefix(q.beneficiary)} ESCAPE '\\'`,
    q.fromDate !== undefined && sql`retirement_date >= ${q.fromDate}`,
    q.beforeDate !== undefined && sql`retirement_date < ${q.beforeDate}`,
    q.project !== undefined && sql`vcs_project_id = ${q.project}`,
    reviewedCondition('retirements', 'retirements', q.reviewed),
    lower && sql`certificate_id > ${lower}`,
    upper && sql`certificate_id < ${upper}`,
  ]);
  return sql`SELECT ${selectColumns('retirements')} FROM retirements ${conditions} ORDER BY certificate_id ${direction(desc ? 'desc' : 'asc')} ${pageLimit(q.limit)}`;
}

/** One page of the view (the API's views.retirements). */
export function listRetirements(db: ReadDb, q: RetirementsQuery = {}): RetirementPage {
  return keysetPage(allRows(db, retirementsQuery({ ...q, limit: lookahead(q.limit) })), q.limit, (raw) => raw.map(retirementRow), (r) => r.certificate_id);
}

/** One retirement with its project, the blocks its credits came from, and the sales it filled. */
export function getRetirement(db: ReadDb, certificateId: number): RetirementDetail {
  const raw = allRows(db, sql`SELECT ${selectColumns('retirements')} FROM retirements WHERE certificate_id = ${certificateId}`)[0];
  if (!raw) throw new AppError('NOT_FOUND', `No retirement with certificate id ${certificateId}`);
  const ret = retirementRow(raw);
  const project = db.prepare('SELECT * FROM vcs_projects WHERE id = ?').safeIntegers(true).get(ret.vcs_project_id) as
    | Record<string, unknown>
    | undefined;
  const blocks = (
    db
      .prepare(
        `SELECT rfb.retirement_id, rfb.block_hash, rfb.vcu_amount, mb.serial_number, mb.block_start, mb.block_end
         FROM retirement_from_block rfb JOIN minted_blocks mb ON mb.serial_hash = rfb.block_hash
         WHERE rfb.retirement_id = ? ORDER BY mb.toid`,
      )
      .safeIntegers(true)
      .all(certificateId) as Record<string, unknown>[]
  ).map((r) => retiredFromBlockRow(r));
  const statuses = (
    db
      .prepare(
        `SELECT ss.sinking_tx_hash, ss.certificate_id, ss.amount_filled, ss.finalized FROM sink_status ss
         JOIN sinking_txs s ON s.hash = ss.sinking_tx_hash WHERE ss.certificate_id = ? ORDER BY s.toid`,
      )
      .safeIntegers(true)
      .all(certificateId) as Record<string, unknown>[]
  ).map(sinkStatusRow);
  return { ...ret, vcs_project: project ? vcsProjectRow(project) : null, retired_from: blocks, sink_statuses: statuses };
}
