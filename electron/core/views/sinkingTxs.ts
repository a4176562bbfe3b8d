import { AppError } from '../../../shared/errors.js';
import type { Page, SinkStatusRow, SinkingTxDetail, SinkingTxRow, SinkingTxsParams } from '../../../shared/api/views.js';
import type { ReadDb } from '../db/types.js';
import { parseToid } from '../domain/toid.js';
import { pageLimitClause, splitPage } from './paging.js';
import { RETIREMENT_COLUMNS, SINKING_TX_COLUMNS, retirementRow, sinkStatusRow, sinkingTxRow } from './rowMapping.js';

export type SinkingTxsQuery = Partial<Omit<SinkingTxsParams, 'limit'>> & { limit?: number | null };

/**
 * Sinking transactions with their retirement statuses, newest first by default, keyset-paged by toid.
 * `finalized: true` = has a finalized status, `false` = has none: exact negations, so the two lists
 * always add up to the unfiltered one.
 */
export function listSinkingTxs(db: ReadDb, q: SinkingTxsQuery = {}): Page<SinkingTxRow> {
  const where: string[] = [];
  const args: Record<string, unknown> = {};
  if (q.funder !== undefined) {
    where.push('funder = @funder');
    args.funder = q.funder;
  }
  if (q.recipient !== undefined) {
    where.push('recipient = @recipient');
    args.recipient = q.recipient;
  }
  if (q.fromDate !== undefined) {
    where.push('created_at >= @fromDate');
    args.fromDate = `${q.fromDate}T00:00:00`;
  }
  if (q.beforeDate !== undefined) {
    where.push('created_at < @beforeDate');
    args.beforeDate = `${q.beforeDate}T00:00:00`;
  }
  if (q.finalized !== undefined) {
    const exists = 'EXISTS (SELECT 1 FROM sink_status ss WHERE ss.sinking_tx_hash = sinking_txs.hash AND ss.finalized = 1)';
    where.push(q.finalized ? exists : `NOT ${exists}`);
  }
  if (q.memo !== undefined) {
    // instr() rather than LIKE: the user's text is matched literally, % and _ included.
    where.push('instr(lower(memo_value), lower(@memo)) > 0');
    args.memo = q.memo;
  }
  if (q.contractCall !== undefined) where.push(q.contractCall ? 'contract_id IS NOT NULL' : 'contract_id IS NULL');
  const desc = (q.order ?? 'desc') === 'desc';
  if (q.cursor !== undefined) {
    where.push(desc ? 'toid < @cursor' : 'toid > @cursor');
    args.cursor = parseToid(q.cursor);
  }
  const { sql: limitSql } = pageLimitClause(q.limit);
  const sql =
    `SELECT ${SINKING_TX_COLUMNS} FROM sinking_txs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ` +
    `ORDER BY toid ${desc ? 'DESC' : 'ASC'} ${limitSql}`;
  const raw = db.prepare(sql).safeIntegers(true).all(args) as Record<string, unknown>[];
  const page = splitPage(raw, q.limit);
  const statuses = statusesOf(
    db,
    page.rows.map((r) => r.hash as string),
  );
  const rows = page.rows.map((r) => sinkingTxRow(r, statuses.get(r.hash as string) ?? []));
  const last = rows[rows.length - 1];
  return { rows, nextCursor: page.more && last ? last.toid : null };
}

/** The statuses of many transactions in one query, each list in certificate_id order. */
export function statusesOf(db: ReadDb, hashes: string[]): Map<string, SinkStatusRow[]> {
  const out = new Map<string, SinkStatusRow[]>();
  if (hashes.length === 0) return out;
  const raw = db
    .prepare(
      `SELECT sinking_tx_hash, certificate_id, amount_filled, finalized FROM sink_status
       WHERE sinking_tx_hash IN (SELECT value FROM json_each(?)) ORDER BY sinking_tx_hash, certificate_id`,
    )
    .safeIntegers(true)
    .all(JSON.stringify(hashes)) as Record<string, unknown>[];
  for (const r of raw) {
    const s = sinkStatusRow(r);
    const list = out.get(s.sinking_tx_hash) ?? [];
    list.push(s);
    out.set(s.sinking_tx_hash, list);
  }
  return out;
}

/** One sinking transaction with its statuses and the retirements that filled it. */
export function getSinkingTx(db: ReadDb, hash: string): SinkingTxDetail {
  const raw = db.prepare(`SELECT ${SINKING_TX_COLUMNS} FROM sinking_txs WHERE hash = ?`).safeIntegers(true).get(hash) as
    | Record<string, unknown>
    | undefined;
  if (!raw) throw new AppError('NOT_FOUND', `No sinking transaction ${hash}`);
  const retirements = (
    db
      .prepare(
        `SELECT ${RETIREMENT_COLUMNS.split(', ').map((c) => `r.${c}`).join(', ')} FROM retirements r
         JOIN sink_status ss ON ss.certificate_id = r.certificate_id WHERE ss.sinking_tx_hash = ? ORDER BY r.certificate_id`,
      )
      .safeIntegers(true)
      .all(hash) as Record<string, unknown>[]
  ).map(retirementRow);
  return { ...sinkingTxRow(raw, statusesOf(db, [hash]).get(hash) ?? []), retirements };
}
