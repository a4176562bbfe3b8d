import type { BlockDetail, BlockRetirementRow } from '../../../shared/api/views.js';
import { AppError } from '../../../shared/errors.js';
import type { ReadDb } from '../db/types.js';
import { inventoryRowOf } from './inventory.js';
import { retiredFromBlockRow } from './rowMapping.js';

/** One minted block with its current remaining credits and every retirement drawn from it (oldest first). */
export function getBlock(db: ReadDb, serialHash: string): BlockDetail {
  const block = inventoryRowOf(db, serialHash);
  if (!block) throw new AppError('NOT_FOUND', `No minted block with serial hash ${serialHash}`);
  const raw = db
    .prepare(
      `SELECT rfb.retirement_id, rfb.block_hash, rfb.vcu_amount, mb.serial_number, r.serial_number AS retirement_serial_number, mb.block_start, mb.block_end,
              r.retirement_date, r.retirement_beneficiary
       FROM retirement_from_block rfb
       JOIN retirements r ON r.certificate_id = rfb.retirement_id
       JOIN minted_blocks mb ON mb.serial_hash = rfb.block_hash
       WHERE rfb.block_hash = ? ORDER BY r.retirement_date, r.certificate_id`,
    )
    .safeIntegers(true)
    .all(serialHash) as Record<string, unknown>[];
  const retirements = raw.map(
    (r): BlockRetirementRow => ({
      ...retiredFromBlockRow(r),
      retirement_serial_number: r.retirement_serial_number as string,
      retirement_date: r.retirement_date as string,
      retirement_beneficiary: r.retirement_beneficiary as string,
    }),
  );
  return { block, retirements };
}
