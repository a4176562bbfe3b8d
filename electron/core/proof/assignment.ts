import type { ReadDb } from '../db/types.js';
import { serialAssignment } from '../serials/serialAssignment.js';

/**
 * The serials that back one sale, as the bundle's expected/assignment.json gives them: the app's serial accounting
 * (electron/core/serials/, the rule of docs/AUDIT.md), one range per retirement and block, ordered by certificate
 * and then serial. The bundle's check.mjs recomputes the same ranges on its own from the evidence files.
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

export function saleBacking(db: ReadDb, saleHash: string): BackingRange[] {
  return serialAssignment(db, { saleHash })
    .backing.filter((b) => b.sale_hash === saleHash && b.block_hash !== null)
    .map((b) => ({ sale_hash: b.sale_hash, certificate_id: b.certificate_id, block_hash: b.block_hash as string, first_serial: b.first_serial, last_serial: b.last_serial, kg: b.kg }))
    .sort((a, b) => a.certificate_id - b.certificate_id || a.first_serial - b.first_serial);
}
