import type { ChainHead } from '../../../shared/api/audit.js';
import { AppError } from '../../../shared/errors.js';
import { chainHead } from '../audit/queries.js';
import { operationEventFields } from '../audit/operationLog.js';
import { tableShape } from '../audit/changeTriggers.js';
import { GENESIS_HASH, type EntryValue } from '../audit/chain.js';
import { allRows, sql, sqlJoin } from '../db/sql.js';
import type { ReadDb } from '../db/types.js';
import type { AssignmentRows } from './assignment.js';

/**
 * What a proof bundle holds from the database: the sale, the retirements that fill it with all their fills, links
 * and blocks (the rows the check re-derives), and every audit entry of those rows with the chain from the first of
 * them up to the head. A chain entry is written as the fields its hash covers (audit/chain.ts), so the check
 * recomputes it as the database did.
 */
export interface ChainEntry {
  seq: number;
  fields: Record<string, EntryValue>;
  hash: string;
}

export interface ProofRows {
  sale: { hash: string; contract_id: string | null; toid: bigint };
  rows: AssignmentRows;
  blocks: { serial_hash: string; transaction_hash: string }[];
  certificates: number[];
  entries: ChainEntry[];
  chain: { prev_seq: number; prev_hash: string; entries: ChainEntry[] };
  head: ChainHead;
}

const n = (v: unknown): number => Number(v);

/** INTEGER columns as JSON numbers (the chain's are all far below 2^53), so the bundle's JSON hashes the same. */
function plain(fields: Record<string, EntryValue>): Record<string, EntryValue> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]));
}

function changeEntry(row: Record<string, unknown>): ChainEntry {
  const fields: Record<string, EntryValue> = { entry: 'change' };
  for (const c of ['seq', 'operation_id', 'table_name', 'record_key', 'kind', 'before_json', 'after_json', 'changed_at']) fields[c] = (row[c] ?? null) as EntryValue;
  return { seq: n(row.seq), fields: plain(fields), hash: String(row.hash) };
}

function operationEntry(row: Record<string, unknown>): ChainEntry {
  return { seq: n(row.seq), fields: plain(operationEventFields(row)), hash: String(row.hash) };
}

/** The record keys of the audit log (changeTriggers.keyExpr): the primary-key values as text, joined with '/'. */
function recordKeys(db: ReadDb, table: string, rows: Record<string, unknown>[]): string[] {
  const { keyColumns } = tableShape(db, table);
  return rows.map((r) => keyColumns.map((c) => String(r[c])).join('/'));
}

export function gatherProofRows(db: ReadDb, saleHash: string): ProofRows {
  // The head first: entries and chain are read up to it, so a catch-up writing meanwhile cannot split them.
  const head = chainHead(db);
  const [sale] = allRows(db, sql`SELECT hash, contract_id, toid FROM sinking_txs WHERE hash = ${saleHash}`);
  if (!sale) throw new AppError('NOT_FOUND', `No sale ${saleHash} in this database.`);
  if (sale.contract_id !== null) throw new AppError('BAD_INPUT', `Sale ${saleHash} is a contract-call sale: proof bundles cover classic (Horizon payment) sales only, for now.`);
  const own = allRows(db, sql`SELECT certificate_id FROM sink_status WHERE sinking_tx_hash = ${saleHash}`).map((r) => n(r.certificate_id));
  const ids = sqlJoin(own.map((id) => sql`${id}`));
  const pick = <T>(q: ReturnType<typeof sql>): T[] => (own.length ? (allRows(db, q) as T[]) : []);
  const retirements = pick<Record<string, unknown>>(sql`SELECT * FROM retirements WHERE certificate_id IN (${ids}) ORDER BY certificate_id`);
  const statuses = pick<Record<string, unknown>>(sql`SELECT * FROM sink_status WHERE certificate_id IN (${ids}) ORDER BY certificate_id, sinking_tx_hash`);
  const links = pick<Record<string, unknown>>(sql`SELECT * FROM retirement_from_block WHERE retirement_id IN (${ids}) ORDER BY retirement_id, block_hash`);
  const hashes = sqlJoin([...new Set(links.map((l) => String(l.block_hash)))].map((h) => sql`${h}`));
  const blocks = links.length ? allRows(db, sql`SELECT * FROM minted_blocks WHERE serial_hash IN (${hashes}) ORDER BY toid`) : [];

  const keyed: [string, string[]][] = [
    ['sinking_txs', [saleHash]],
    ['retirements', recordKeys(db, 'retirements', retirements)],
    ['sink_status', recordKeys(db, 'sink_status', statuses)],
    ['retirement_from_block', recordKeys(db, 'retirement_from_block', links)],
    ['minted_blocks', recordKeys(db, 'minted_blocks', blocks)],
  ];
  const entries = keyed
    .flatMap(([table, keys]) => keys.flatMap((key) => allRows(db, sql`SELECT * FROM audit_changes WHERE table_name = ${table} AND record_key = ${key} AND seq <= ${head?.seq ?? 0} ORDER BY seq`)))
    .map(changeEntry)
    .sort((a, b) => a.seq - b.seq);
  const first = entries[0];
  if (!head || !first) throw new AppError('DATA_INCONSISTENT', `The audit log holds no entry of sale ${saleHash}: its rows were written without the change triggers.`);
  const prevSeq = first.seq - 1;
  const prev = allRows(db, sql`SELECT hash FROM audit_changes WHERE seq = ${prevSeq} UNION ALL SELECT hash FROM audit_operation_events WHERE seq = ${prevSeq}`)[0];
  const chainEntries = [
    ...allRows(db, sql`SELECT * FROM audit_changes WHERE seq >= ${first.seq} AND seq <= ${head.seq}`).map(changeEntry),
    ...db
      .prepare('SELECT * FROM audit_operation_events WHERE seq >= ? AND seq <= ?')
      .all(first.seq, head.seq)
      .map((r) => operationEntry(r as Record<string, unknown>)),
  ].sort((a, b) => a.seq - b.seq);

  const num = (rows: Record<string, unknown>[], cols: string[]) => rows.map((r) => ({ ...r, ...Object.fromEntries(cols.map((c) => [c, n(r[c])])) }));
  return {
    sale: { hash: saleHash, contract_id: null, toid: BigInt(String(sale.toid)) },
    rows: {
      retirements: num(retirements, ['certificate_id']) as unknown as AssignmentRows['retirements'],
      statuses: num(statuses, ['certificate_id', 'amount_filled']) as unknown as AssignmentRows['statuses'],
      links: num(links, ['retirement_id']) as unknown as AssignmentRows['links'],
      blocks: num(blocks, ['block_start', 'block_end']) as unknown as AssignmentRows['blocks'],
    },
    blocks: blocks.map((b) => ({ serial_hash: String(b.serial_hash), transaction_hash: String(b.transaction_hash) })),
    certificates: own,
    entries,
    chain: { prev_seq: prevSeq, prev_hash: prev ? String(prev.hash) : GENESIS_HASH, entries: chainEntries },
    head,
  };
}
