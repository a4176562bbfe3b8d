import { AppError } from '../../../shared/errors.js';
import { sha256Hex } from '../domain/hash.js';
import { formatSerialNumber, parseSerialNumber, withBlockRange, type SerialNumber } from '../domain/serialNumber.js';
import type { PoolBatch } from '../sources/poolReport.js';
import type { MintPayment } from './horizonRows.js';

export const POOL_SUB_ACCOUNT = { id: 11273, name: 'CARBON Pool | stellarcarbon.io' } as const;

export interface MintedBlockRow {
  serial_hash: string;
  transaction_hash: string;
  created_at: string;
  vcs_project_id: number;
  serial_number: string;
  block_start: number;
  block_end: number;
  sub_account_id: number;
  sub_account_name: string;
  vintage_start: string;
  vintage_end: string;
  toid: bigint;
}

export interface PreviousBlock {
  serial_number: string;
  sub_account_id: number;
  sub_account_name: string;
}

export interface UnlinkedRetirement {
  certificate_id: number;
  serial_number: string;
}

/** Pool batches by sha256 of their serial number: a pristine block's mint memo is one of these keys. */
export function indexPool(batches: PoolBatch[]): Map<string, PoolBatch> {
  const index = new Map<string, PoolBatch>();
  for (const b of batches) if (typeof b.serial_number === 'string') index.set(sha256Hex(b.serial_number), b);
  return index;
}

function blockRow(m: MintPayment, sn: SerialNumber, sub: { id: number; name: string }): MintedBlockRow {
  return {
    serial_hash: m.serial_hash,
    transaction_hash: m.transaction_hash,
    created_at: m.created_at,
    vcs_project_id: sn.projectId,
    serial_number: formatSerialNumber(sn),
    block_start: sn.blockStart,
    block_end: sn.blockEnd,
    sub_account_id: sub.id,
    sub_account_name: sub.name,
    vintage_start: sn.vintageStart,
    vintage_end: sn.vintageEnd,
    toid: m.toid,
  };
}

const matches = (sn: SerialNumber, hash: string) => sha256Hex(formatSerialNumber(sn)) === hash;

/**
 * Turns mints (in ledger order) into blocks. A mint whose memo is the hash of a pool batch is pristine. Otherwise
 * its serial is rebuilt and accepted only when it hashes to the memo: first as the continuation of the previous
 * block (the newest stored one, then each one rebuilt here — pristine ones do not count, as in sc-audit), then as
 * starting where an unlinked retirement starts. No match means the block cannot be accounted for: an error.
 */
export function resolveBlocks(
  mints: MintPayment[],
  pool: Map<string, PoolBatch>,
  previous: PreviousBlock | null,
  retirements: UnlinkedRetirement[],
): MintedBlockRow[] {
  const rows: MintedBlockRow[] = [];
  let prev = previous;
  for (const m of mints) {
    const batch = pool.get(m.serial_hash);
    if (batch) {
      const sub = { id: Number(batch.sub_account_id), name: String(batch.sub_account_name ?? '') };
      if (!Number.isSafeInteger(sub.id) || !sub.name) {
        throw new AppError('DATA_INCONSISTENT', `minted-blocks: serial hash ${m.serial_hash}: the pool report row has no sub-account id/name`);
      }
      rows.push(blockRow(m, parseSerialNumber(String(batch.serial_number)), sub));
      continue;
    }
    const row = reconstruct(m, prev, retirements);
    rows.push(row);
    prev = row;
  }
  return rows;
}

function reconstruct(m: MintPayment, prev: PreviousBlock | null, retirements: UnlinkedRetirement[]): MintedBlockRow {
  if (m.size < 1) throw new AppError('DATA_INCONSISTENT', `minted-blocks: serial hash ${m.serial_hash} (tx ${m.transaction_hash}): block size ${m.size} is not positive`);
  if (prev) {
    const p = parseSerialNumber(prev.serial_number);
    const sn = withBlockRange(p, p.blockEnd + 1, p.blockEnd + m.size);
    if (matches(sn, m.serial_hash)) return blockRow(m, sn, { id: prev.sub_account_id, name: prev.sub_account_name });
  }
  for (const r of retirements) {
    const rs = parseSerialNumber(r.serial_number);
    const sn = withBlockRange(rs, rs.blockStart, rs.blockStart + m.size - 1);
    if (matches(sn, m.serial_hash)) return blockRow(m, sn, POOL_SUB_ACCOUNT);
  }
  throw new AppError(
    'DATA_INCONSISTENT',
    `minted-blocks: no serial number found for serial hash ${m.serial_hash} (tx ${m.transaction_hash}, ${m.size} credits): ` +
      'it is not in the carbon pool report, does not continue the previous block and starts no known retirement',
  );
}
