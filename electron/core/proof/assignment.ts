import { parseSerialNumber } from '../domain/serialNumber.js';
import { txHashesFromDetails } from '../sync/sinkStatus.js';

/**
 * The serials that back one sale (serial-rule): a retirement's credits start..end occupy kg positions
 * [start·1000, (end+1)·1000); its fills take the next positions in the order their tx hashes appear in its
 * retirement_details; each fill's kg are split over the minted blocks the retirement's links name.
 * A stand-in for part 2's serial accounting (electron/core/serials/), to be swapped for it at merge: the bundle's
 * check.mjs recomputes the same ranges on its own.
 */
export interface BackingRange {
  sale_hash: string;
  certificate_id: number;
  block_hash: string;
  first_serial: number;
  last_serial: number;
  kg: number;
}

export interface AssignmentRows {
  retirements: { certificate_id: number; serial_number: string; retirement_details: string | null }[];
  /** Every sink status of those retirements (the sale's and the other sales' they fill). */
  statuses: { sinking_tx_hash: string; certificate_id: number; amount_filled: number }[];
  links: { retirement_id: number; block_hash: string }[];
  blocks: { serial_hash: string; block_start: number; block_end: number }[];
}

export function saleBacking(saleHash: string, rows: AssignmentRows): BackingRange[] {
  const out: BackingRange[] = [];
  const retirements = [...rows.retirements].sort((a, b) => a.certificate_id - b.certificate_id);
  for (const r of retirements) {
    const mine = rows.statuses.filter((s) => s.certificate_id === r.certificate_id);
    const order = txHashesFromDetails(r.retirement_details ?? '', r.certificate_id);
    const blocks = rows.links
      .filter((l) => l.retirement_id === r.certificate_id)
      .map((l) => rows.blocks.find((b) => b.serial_hash === l.block_hash))
      .filter((b) => b !== undefined)
      .sort((a, b) => a.block_start - b.block_start);
    let pos = parseSerialNumber(r.serial_number).blockStart * 1000;
    for (const hash of order) {
      const fill = mine.find((s) => s.sinking_tx_hash === hash);
      if (!fill) continue;
      const [a, b] = [pos, pos + fill.amount_filled];
      pos = b;
      if (hash !== saleHash) continue;
      for (const blk of blocks) {
        const lo = Math.max(a, blk.block_start * 1000);
        const hi = Math.min(b, (blk.block_end + 1) * 1000);
        if (lo < hi) out.push({ sale_hash: saleHash, certificate_id: r.certificate_id, block_hash: blk.serial_hash, first_serial: Math.floor(lo / 1000), last_serial: Math.floor((hi - 1) / 1000), kg: hi - lo });
      }
    }
  }
  return out;
}
