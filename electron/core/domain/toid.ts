import { AppError } from '../../../shared/errors.js';

/**
 * TOID (SEP-35): ledger << 32 | tx_order << 12 | op_order, an int64. Horizon's paging tokens are TOIDs.
 * They exceed Number.MAX_SAFE_INTEGER, so they live as BigInt here and as decimal strings across the API.
 */
const OP_BITS = 12n;
const TX_BITS = 20n;
const OP_LIMIT = 1n << OP_BITS; // 4096
const TX_LIMIT = 1n << TX_BITS; // 2^20
const INT64_MAX = (1n << 63n) - 1n;
const LEDGER_LIMIT = 1n << 31n; // the ledger part is a signed 32-bit sequence

export interface ToidParts {
  ledger: number;
  txOrder: number;
  opOrder: number;
}

/** Accepts a decimal string, a bigint, or a *safe* integer number; anything that may have lost digits is refused. */
export function parseToid(v: string | bigint | number): bigint {
  let t: bigint;
  if (typeof v === 'bigint') t = v;
  else if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) {
      throw new AppError('BAD_INPUT', `toid ${v} is not a safe integer: pass TOIDs as decimal strings`);
    }
    t = BigInt(v);
  } else {
    if (!/^\d{1,19}$/.test(v)) throw new AppError('BAD_INPUT', `toid ${JSON.stringify(v)} is not a decimal integer`);
    t = BigInt(v);
  }
  if (t < 0n || t > INT64_MAX) throw new AppError('BAD_INPUT', `toid ${t} is outside the int64 range`);
  return t;
}

export function toidParts(t: bigint): ToidParts {
  return {
    ledger: Number(t >> (OP_BITS + TX_BITS)),
    txOrder: Number((t >> OP_BITS) & (TX_LIMIT - 1n)),
    opOrder: Number(t & (OP_LIMIT - 1n)),
  };
}

export function makeToid(ledger: number, txOrder: number, opOrder: number): bigint {
  const l = BigInt(ledger);
  const tx = BigInt(txOrder);
  const op = BigInt(opOrder);
  if (l < 0n || l >= LEDGER_LIMIT || tx < 0n || tx >= TX_LIMIT || op < 0n || op >= OP_LIMIT) {
    throw new AppError('BAD_INPUT', `toid parts out of range: ledger ${ledger}, tx ${txOrder}, op ${opOrder}`);
  }
  return (l << (OP_BITS + TX_BITS)) | (tx << OP_BITS) | op;
}

/**
 * The cursor after `t`: one operation further, carrying into tx_order at 4096 and into the ledger at 2^20
 * (the catch-up of a source resumes strictly after its newest stored row).
 */
export function incrementToid(t: bigint): bigint {
  const p = toidParts(t);
  let { ledger, txOrder, opOrder } = p;
  opOrder += 1;
  if (BigInt(opOrder) >= OP_LIMIT) {
    opOrder = 0;
    txOrder += 1;
    if (BigInt(txOrder) >= TX_LIMIT) {
      txOrder = 0;
      ledger += 1;
    }
  }
  return makeToid(ledger, txOrder, opOrder);
}
