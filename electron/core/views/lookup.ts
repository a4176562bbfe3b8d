import type { LookupHit } from '../../../shared/api/lookup.js';
import { formatDecimal } from '../domain/amount.js';
import { sql, sqlJoin, type SqlFragment } from '../db/sql.js';
import type { ReadDb } from '../db/types.js';

/** Past every character a key can hold: `col >= p AND col < p || PAST` is the prefix as an index range. */
const PAST = '\uffff';

const tonnes = (kg: number | bigint) => `${formatDecimal(kg, 3)} t`;

function rows<T>(db: ReadDb, q: SqlFragment): T[] {
  return db.prepare(q.text).all(...q.params) as T[];
}

function sales(db: ReadDb, prefix: string, limit: number): LookupHit[] {
  const q = sql`SELECT hash, created_at, carbon_amount FROM sinking_txs WHERE hash >= ${prefix} AND hash < ${prefix + PAST} ORDER BY hash LIMIT ${limit}`;
  return rows<{ hash: string; created_at: string; carbon_amount: number }>(db, q).map((r) => ({ kind: 'sale', key: r.hash, detail: `${r.created_at.slice(0, 10)} · ${tonnes(r.carbon_amount)}` }));
}

function blocks(db: ReadDb, prefix: string, limit: number): LookupHit[] {
  const q = sql`SELECT serial_hash, created_at, block_end - block_start + 1 AS size FROM minted_blocks WHERE serial_hash >= ${prefix} AND serial_hash < ${prefix + PAST} ORDER BY serial_hash LIMIT ${limit}`;
  return rows<{ serial_hash: string; created_at: string; size: number }>(db, q).map((r) => ({ kind: 'block', key: r.serial_hash, detail: `minted ${r.created_at.slice(0, 10)} · ${r.size} credits` }));
}

/** A certificate id by its leading digits: the ids from d, d0–d9, d00–d99, … (integer ranges on the primary key). */
function retirements(db: ReadDb, digits: string, limit: number): LookupHit[] {
  const ranges: SqlFragment[] = [];
  let lo = BigInt(digits);
  let hi = lo;
  for (let width = digits.length; width <= 12 && lo <= 9_007_199_254_740_991n; width++) {
    ranges.push(sql`SELECT certificate_id, retirement_date, vcu_amount FROM retirements WHERE certificate_id BETWEEN ${lo} AND ${hi}`);
    lo *= 10n;
    hi = hi * 10n + 9n;
  }
  const q = sql`SELECT * FROM (${sqlJoin(ranges, ' UNION ALL ')}) ORDER BY certificate_id LIMIT ${limit}`;
  return rows<{ certificate_id: number; retirement_date: string; vcu_amount: number }>(db, q).map((r) => ({
    kind: 'retirement',
    key: String(r.certificate_id),
    detail: `retired ${r.retirement_date.slice(0, 10)} · ${r.vcu_amount} credits`,
  }));
}

function accounts(db: ReadDb, column: 'funder' | 'recipient', prefix: string, limit: number): LookupHit[] {
  const col = column === 'funder' ? sql`funder` : sql`recipient`;
  const q = sql`SELECT DISTINCT ${col} AS address FROM sinking_txs WHERE ${col} >= ${prefix} AND ${col} < ${prefix + PAST} ORDER BY ${col} LIMIT ${limit}`;
  return rows<{ address: string }>(db, q).map((r) => ({ kind: column, key: r.address, detail: column === 'funder' ? 'funded sales' : 'received sales' }));
}

/**
 * What the start of a hash, an id or an address names: hex → sales and blocks, digits → retirements (and hex),
 * G…/C… → funders and recipients. At most `limit` hits of each kind, the kinds in that order.
 */
export function lookup(db: ReadDb, text: string, limit: number): LookupHit[] {
  const hits: LookupHit[] = [];
  if (/^[0-9a-f]+$/i.test(text)) hits.push(...sales(db, text.toLowerCase(), limit), ...blocks(db, text.toLowerCase(), limit));
  if (/^\d+$/.test(text)) hits.push(...retirements(db, text, limit));
  if (/^[GC][A-Z2-7]+$/i.test(text)) hits.push(...accounts(db, 'funder', text.toUpperCase(), limit), ...accounts(db, 'recipient', text.toUpperCase(), limit));
  return hits;
}
