import { AppError } from '../../../shared/errors.js';
import type { RetirementDetail, RetirementPage, RetirementsParams } from '../../../shared/api/views.js';
import { reviewedCondition } from '../audit/reviewMarks.js';
import { selectColumns } from '../db/schema.js';
import { allRows, direction, sql, where, type SqlFragment } from '../db/sql.js';
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

/**
 * The view's one query: highest certificate_id first by default, keyset-paged by certificate_id.
 * The beneficiary filter is a prefix match, ASCII case-insensitive like sc-audit's (SQLite LIKE).
 */
export function retirementsQuery(q: RetirementsQuery): SqlFragment {
  const desc = (q.order ?? 'desc') === 'desc';
  const conditions = where([
    q.beneficiary !== undefined && sql`retirement_beneficiary LIKE ${likePrefix(q.beneficiary)} ESCAPE '\\'`,
    q.fromDate !== undefined && sql`retirement_date >= ${q.fromDate}`,
    q.beforeDate !== undefined && sql`retirement_date < ${q.beforeDate}`,
    q.project !== undefined && sql`vcs_project_id = ${q.project}`,
    reviewedCondition('retirements', 'retirements', q.reviewed),
    q.cursor !== undefined && (desc ? sql`certificate_id < ${q.cursor}` : sql`certificate_id > ${q.cursor}`),
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
