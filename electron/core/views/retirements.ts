import { AppError } from '../../../shared/errors.js';
import type { RetirementDetail, RetirementPage, RetirementsParams, RetiredFromBlockRow } from '../../../shared/api/views.js';
import type { ReadDb } from '../db/types.js';
import { pageLimitClause, splitPage } from './paging.js';
import { RETIREMENT_COLUMNS, retirementRow, sinkStatusRow, vcsProjectRow } from './rowMapping.js';

export type RetirementsQuery = Partial<Omit<RetirementsParams, 'limit'>> & { limit?: number | null };

/** Escapes LIKE wildcards, so a beneficiary containing % or _ is matched literally. */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Retirements, highest certificate_id first by default, keyset-paged by certificate_id.
 * The beneficiary filter is a prefix match, ASCII case-insensitive like sc-audit's (SQLite LIKE).
 */
export function listRetirements(db: ReadDb, q: RetirementsQuery = {}): RetirementPage {
  const where: string[] = [];
  const args: Record<string, unknown> = {};
  if (q.beneficiary !== undefined) {
    where.push("retirement_beneficiary LIKE @beneficiary ESCAPE '\\'");
    args.beneficiary = likePrefix(q.beneficiary);
  }
  if (q.fromDate !== undefined) {
    where.push('retirement_date >= @fromDate');
    args.fromDate = q.fromDate;
  }
  if (q.beforeDate !== undefined) {
    where.push('retirement_date < @beforeDate');
    args.beforeDate = q.beforeDate;
  }
  if (q.project !== undefined) {
    where.push('vcs_project_id = @project');
    args.project = q.project;
  }
  const desc = (q.order ?? 'desc') === 'desc';
  if (q.cursor !== undefined) {
    where.push(desc ? 'certificate_id < @cursor' : 'certificate_id > @cursor');
    args.cursor = q.cursor;
  }
  const sql =
    `SELECT ${RETIREMENT_COLUMNS} FROM retirements ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ` +
    `ORDER BY certificate_id ${desc ? 'DESC' : 'ASC'} ${pageLimitClause(q.limit).sql}`;
  const page = splitPage(db.prepare(sql).safeIntegers(true).all(args) as Record<string, unknown>[], q.limit);
  const rows = page.rows.map(retirementRow);
  const last = rows[rows.length - 1];
  return { rows, nextCursor: page.more && last ? last.certificate_id : null };
}

/** One retirement with its project, the blocks its credits came from, and the sales it filled. */
export function getRetirement(db: ReadDb, certificateId: number): RetirementDetail {
  const raw = db.prepare(`SELECT ${RETIREMENT_COLUMNS} FROM retirements WHERE certificate_id = ?`).safeIntegers(true).get(certificateId) as
    | Record<string, unknown>
    | undefined;
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
  ).map(
    (r): RetiredFromBlockRow => ({
      retirement_id: Number(r.retirement_id as bigint),
      block_hash: r.block_hash as string,
      vcu_amount: Number(r.vcu_amount as bigint),
      serial_number: r.serial_number as string,
      block_start: Number(r.block_start as bigint),
      block_end: Number(r.block_end as bigint),
    }),
  );
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
