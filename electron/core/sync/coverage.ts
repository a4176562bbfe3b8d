import { AppError } from '../../../shared/errors.js';
import { parseSerialNumber } from '../domain/serialNumber.js';

export interface BlockRange {
  serial_hash: string;
  block_start: number;
  block_end: number;
  /** Credits not yet linked to any retirement. */
  remaining: number;
}

export interface OpenRetirement {
  certificate_id: number;
  serial_number: string;
  vcu_amount: number;
  /** Credits already linked to blocks. */
  covered: number;
  /** Blocks this retirement is already linked to. */
  linked: Set<string>;
}

export interface RetirementFromBlockRow {
  retirement_id: number;
  block_hash: string;
  vcu_amount: number;
}

/**
 * Links each not fully covered retirement to every block its serial range overlaps, with the overlap size.
 * `blocks` is updated as credits are used, so two retirements cannot spend the same credit.
 */
export function coverRetirements(retirements: OpenRetirement[], blocks: BlockRange[]): RetirementFromBlockRow[] {
  const rows: RetirementFromBlockRow[] = [];
  for (const r of retirements) {
    const sn = parseSerialNumber(r.serial_number);
    let covered = r.covered;
    for (const b of blocks) {
      if (r.linked.has(b.serial_hash)) continue;
      const overlap = Math.min(sn.blockEnd, b.block_end) - Math.max(sn.blockStart, b.block_start) + 1;
      if (overlap <= 0) continue;
      if (overlap > b.remaining) {
        throw new AppError(
          'DATA_INCONSISTENT',
          `retirement-from-block: retiring certificate ${r.certificate_id} from block ${b.serial_hash} would overspend it ` +
            `(${overlap} credits wanted, ${b.remaining} left)`,
        );
      }
      b.remaining -= overlap;
      covered += overlap;
      rows.push({ retirement_id: r.certificate_id, block_hash: b.serial_hash, vcu_amount: overlap });
    }
    if (covered < r.vcu_amount) {
      throw new AppError(
        'DATA_INCONSISTENT',
        `retirement-from-block: certificate ${r.certificate_id} (${r.serial_number}) is not fully covered by known blocks ` +
          `(${covered} of ${r.vcu_amount} credits)`,
      );
    }
  }
  return rows;
}
