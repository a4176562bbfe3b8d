import type { ReadDb } from '../../db/types.js';
import { coverRetirements } from '../../sync/coverage.js';
import { fillSinkStatuses, type OpenSale } from '../../sync/sinkStatus.js';
import { differingFields, type StoredRow, type Verdict } from './verdict.js';

export const RECOMPUTED = 'recomputed from the stored sales, blocks and retirements';

/** Whether each input row (by table and key) is trusted: confirmed, or loaded by a catch-up step. */
export type InputTrust = (table: 'retirements' | 'minted_blocks' | 'sinking_txs', key: string) => { trusted: boolean; why: string | null };

export interface RecomputedLinks {
  retirementFromBlock: Map<string, Record<string, unknown>> | { error: string };
  sinkStatus: Map<string, Record<string, unknown>> | { error: string };
}

/**
 * The two association tables recomputed from scratch with the catch-up's own algorithms (coverRetirements and
 * fillSinkStatuses, over every retirement in certificate order), keyed as the change log keys them.
 */
export function recomputeLinks(db: ReadDb): RecomputedLinks {
  const retirements = db
    .prepare('SELECT certificate_id, serial_number, vcu_amount, retirement_details FROM retirements ORDER BY certificate_id')
    .safeIntegers(true)
    .all() as { certificate_id: bigint; serial_number: string; vcu_amount: bigint; retirement_details: string }[];
  const attempt = <T>(fn: () => T): T | { error: string } => {
    try {
      return fn();
    } catch (err) {
      return { error: (err as Error).message };
    }
  };
  const retirementFromBlock = attempt(() => {
    const blocks = db
      .prepare('SELECT serial_hash, block_start, block_end, block_end - block_start + 1 AS remaining FROM minted_blocks ORDER BY toid')
      .all() as { serial_hash: string; block_start: number; block_end: number; remaining: number }[];
    const open = retirements.map((r) => ({
      certificate_id: Number(r.certificate_id),
      serial_number: r.serial_number,
      vcu_amount: Number(r.vcu_amount),
      covered: 0,
      linked: new Set<string>(),
    }));
    return new Map(coverRetirements(open, blocks).map((l) => [`${l.retirement_id}/${l.block_hash}`, l as unknown as Record<string, unknown>]));
  });
  const sinkStatus = attempt(() => {
    const sales = new Map<string, OpenSale>();
    for (const s of db.prepare('SELECT hash, carbon_amount FROM sinking_txs').safeIntegers(true).all() as { hash: string; carbon_amount: bigint }[]) {
      sales.set(s.hash, { hash: s.hash, carbon_amount: s.carbon_amount, filled: 0n });
    }
    const open = retirements.map((r) => ({
      certificate_id: Number(r.certificate_id),
      retirement_details: r.retirement_details,
      amount: r.vcu_amount * 1000n,
      filled: 0n,
      has: new Set<string>(),
    }));
    return new Map(fillSinkStatuses(open, sales).map((s) => [`${s.sinking_tx_hash}/${s.certificate_id}`, s as unknown as Record<string, unknown>]));
  });
  return { retirementFromBlock, sinkStatus };
}

/** A published link row against its recomputed twin; confirmed only when the rows it links are trusted too. */
export function judgeLink(
  table: 'retirement_from_block' | 'sink_status',
  key: string,
  row: StoredRow,
  links: RecomputedLinks,
  trust: InputTrust,
): Verdict {
  const computed = table === 'retirement_from_block' ? links.retirementFromBlock : links.sinkStatus;
  if ('error' in computed) return { status: 'differs', source: RECOMPUTED, detail: `recomputing ${table} fails: ${computed.error}` };
  const twin = computed.get(key);
  if (!twin) return { status: 'differs', source: RECOMPUTED, detail: `recomputing ${table} gives no link ${key}` };
  const fields = table === 'retirement_from_block' ? ['retirement_id', 'block_hash', 'vcu_amount'] : ['sinking_tx_hash', 'certificate_id', 'amount_filled', 'finalized'];
  const diff = differingFields(row, twin, fields);
  if (diff !== null) return { status: 'differs', source: RECOMPUTED, detail: diff };
  const inputs =
    table === 'retirement_from_block'
      ? [trust('retirements', String(row.retirement_id)), trust('minted_blocks', String(row.block_hash))]
      : [trust('sinking_txs', String(row.sinking_tx_hash)), trust('retirements', String(row.certificate_id))];
  const untrusted = inputs.filter((i) => !i.trusted);
  if (untrusted.length > 0) return { status: 'unconfirmable', source: RECOMPUTED, detail: untrusted.map((i) => i.why).join('; ') };
  return { status: 'confirmed', source: RECOMPUTED, detail: null };
}
