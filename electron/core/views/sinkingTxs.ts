import { AppError } from '../../../shared/errors.js';
import type { Page, SinkStatusRow, SinkingTxDetail, SinkingTxRow, SinkingTxsParams } from '../../../shared/api/views.js';
import { selectColumns } from '../db/schema.js';
import { reviewedCondition } from '../audit/reviewMarks.js';
import { allRows, direction, sql, where, type SqlFragment } from '../db/sql.js';
import type { ReadDb } from '../db/types.js';
import { parseToid } from '../domain/toid.js';
import { serialAssignment } from '../serials/serialAssignment.js';
import { dateBound, dateKeyset, keysetPage, lookahead, pageLimit } from './paging.js';
import { SINKING_TX_SPEC } from './outputFields.js';
import { rowMapper } from './rowCodec.js';
import { retirementRow, sinkStatusRow } from './rowMapping.js';

/** The view's params (shared/api/views.ts); limit = rows the query returns (a page asks one more), null = every matching row (CLI, export). */
export type SinkingTxsQuery = Partial<Omit<SinkingTxsParams, 'limit'>> & { limit?: number | null };

const FINALIZED = sql`EXISTS (SELECT 1 FROM sink_status ss WHERE ss.sinking_tx_hash = sinking_txs.hash AND ss.finalized = 1)`;
/** A sale's statuses as one JSON column, for streams: while `.iterate()` runs the connection can run nothing else. */
const STATUSES_JSON = sql`(SELECT json_group_array(json_array(ss.sinking_tx_hash, ss.certificate_id, CAST(ss.amount_filled AS TEXT), ss.finalized) ORDER BY ss.certificate_id)
  FROM sink_status ss WHERE ss.sinking_tx_hash = sinking_txs.hash) AS statuses_json`;

/**
 * The view's one query: filters → WHERE, newest first by default, keyset-paged by toid. `finalized: true` = has a
 * finalized status, `false` = has none: exact negations, so the two lists always add up to the unfiltered one.
 * `withStatuses` adds each sale's statuses as a JSON column (the export and the CLI stream; a page reads them
 * with one more query, statusesOf).
 *
 * Which index walks the page (the rows and their order are the same whichever does): a funder, recipient or
 * contract-call filter walks its own (…, toid) index; otherwise the finalized filter walks sale_finality (the
 * finalized flag of every sale, kept by triggers: migration 007) in toid order, a memo text of three or more
 * characters walks its trigram matches (sale_memo) in toid order, and a date bound walks (created_at, toid)
 * (paging.ts dateKeyset).
 */
export function sinkingTxsQuery(q: SinkingTxsQuery, opts: { withStatuses?: boolean } = {}): SqlFragment {
  const desc = (q.order ?? 'desc') === 'desc';
  const dir = direction(desc ? 'desc' : 'asc');
  const cursor = q.cursor === undefined ? undefined : parseToid(q.cursor);
  const ownIndex = q.funder !== undefined || q.recipient !== undefined || q.contractCall === true;
  const byFinality = !ownIndex && q.finalized !== undefined;
  const byMemo = !ownIndex && !byFinality && q.memo !== undefined && [...q.memo].length >= 3;
  const byDate = !ownIndex && !byFinality && !byMemo && (q.fromDate !== undefined || q.beforeDate !== undefined);
  const keyset = byDate ? dateKeyset('sinking_txs', desc, cursor) : null;
  const onCursorSide = (lower: boolean) => keyset?.after != null && lower !== desc;
  const toid = byFinality ? sql`f.toid` : byMemo ? sql`m.rowid` : sql`toid`;
  const conditions = where([
    q.funder !== undefined && sql`funder = ${q.funder}`,
    q.recipient !== undefined && sql`recipient = ${q.recipient}`,
    q.fromDate !== undefined && dateBound('>=', q.fromDate, onCursorSide(true)),
    q.beforeDate !== undefined && dateBound('<', q.beforeDate, onCursorSide(false)),
    q.finalized !== undefined && (byFinality ? sql`f.finalized = ${q.finalized ? 1 : 0}` : q.finalized ? FINALIZED : sql`NOT ${FINALIZED}`),
    // instr() rather than LIKE: the user's text is matched literally, % and _ included.
    byMemo && sql`sale_memo MATCH ${`"${(q.memo ?? '').replace(/"/g, '""')}"`}`,
    q.memo !== undefined && sql`instr(lower(memo_value), lower(${q.memo})) > 0`,
    q.contractCall !== undefined && (q.contractCall ? sql`contract_id IS NOT NULL` : sql`contract_id IS NULL`),
    // The sales verify's grace-period check names (its cutoff, as the check compares: created_at text < cutoff).
    q.unfinalizedBefore !== undefined && sql`created_at < ${q.unfinalizedBefore} AND NOT ${FINALIZED}`,
    reviewedCondition('sinking_txs', 'sinking_txs', q.reviewed),
    keyset ? keyset.after : cursor !== undefined && (desc ? sql`${toid} < ${cursor}` : sql`${toid} > ${cursor}`),
  ]);
  const base = byFinality || byMemo ? selectColumns('sinking_txs', 'sinking_txs') : selectColumns('sinking_txs');
  const columns = opts.withStatuses ? sql`${base}, ${STATUSES_JSON}` : base;
  // CROSS JOIN: sale_finality drives, in toid order; each of its rows finds its sale by idx_stx_toid.
  // sale_memo: the trigram match (a superset: case folding, the whole text) narrows, instr() above decides.
  const from = byFinality
    ? sql`sale_finality f CROSS JOIN sinking_txs ON sinking_txs.toid = f.toid`
    : byMemo
      ? sql`sale_memo m CROSS JOIN sinking_txs ON sinking_txs.toid = m.rowid`
      : sql`sinking_txs`;
  const order = keyset ? keyset.order : sql`ORDER BY ${toid} ${dir}`;
  return sql`SELECT ${columns} FROM ${from} ${conditions} ${order} ${pageLimit(q.limit)}`;
}

const mapSinkingTx = rowMapper(SINKING_TX_SPEC);

/** A raw sinking_txs row (INTEGERs as BigInt) → the API row; statuses from the JSON column unless given. */
export function sinkingTxRow(r: Record<string, unknown>, statuses?: SinkStatusRow[]): SinkingTxRow {
  const row = mapSinkingTx(r);
  return statuses ? { ...row, statuses } : row;
}

/** One page of the view (the API's views.sinkingTxs). */
export function listSinkingTxs(db: ReadDb, q: SinkingTxsQuery = {}): Page<SinkingTxRow> {
  const mapPage = (raw: Record<string, unknown>[]) => {
    const statuses = statusesOf(
      db,
      raw.map((r) => r.hash as string),
    );
    return raw.map((r) => sinkingTxRow(r, statuses.get(r.hash as string) ?? []));
  };
  return keysetPage(allRows(db, sinkingTxsQuery({ ...q, limit: lookahead(q.limit) })), q.limit, mapPage, (r) => r.toid);
}

/** The statuses of many transactions in one query, each list in certificate_id order. */
export function statusesOf(db: ReadDb, hashes: string[]): Map<string, SinkStatusRow[]> {
  const out = new Map<string, SinkStatusRow[]>();
  if (hashes.length === 0) return out;
  const raw = allRows(
    db,
    sql`SELECT sinking_tx_hash, certificate_id, amount_filled, finalized FROM sink_status
       WHERE sinking_tx_hash IN (SELECT value FROM json_each(${JSON.stringify(hashes)})) ORDER BY sinking_tx_hash, certificate_id`,
  );
  for (const r of raw) {
    const s = sinkStatusRow(r);
    const list = out.get(s.sinking_tx_hash) ?? [];
    list.push(s);
    out.set(s.sinking_tx_hash, list);
  }
  return out;
}

/** One sinking transaction with its statuses, the retirements that filled it and the serials backing it. */
export function getSinkingTx(db: ReadDb, hash: string): SinkingTxDetail {
  const [raw] = allRows(db, sql`SELECT ${selectColumns('sinking_txs')} FROM sinking_txs WHERE hash = ${hash}`);
  if (!raw) throw new AppError('NOT_FOUND', `No sinking transaction ${hash}`);
  const retirements = allRows(
    db,
    sql`SELECT ${selectColumns('retirements', 'r')} FROM retirements r
         JOIN sink_status ss ON ss.certificate_id = r.certificate_id WHERE ss.sinking_tx_hash = ${hash} ORDER BY r.certificate_id`,
  ).map(retirementRow);
  const { backing } = serialAssignment(db, { saleHash: hash });
  return { ...sinkingTxRow(raw, statusesOf(db, [hash]).get(hash) ?? []), retirements, backing };
}
