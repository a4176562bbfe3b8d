import type { SourceConfig } from '../config.js';
import { makeToid } from '../domain/toid.js';
import type { IndexedSinkCall } from '../sources/sinkCalls.js';
import type { SinkingTxRow } from './horizonRows.js';
import { VCS_PROJECT_ID } from './horizonRows.js';

/** Stroops per kilogram: amounts are stroops (10^7 per tonne) and carbon is kept to the kilogram. */
const STROOPS_PER_KG = 10_000n;
/** sc-audit's Mercury TOIDs: TOID(ledger, 2^16 + n, 0), n counting the events of one ledger in answer order. */
export const MERCURY_FIRST_TX_ORDER = 65_536;
/** sc-audit keeps at most 64 UTF-8 bytes of a contract memo. */
export const MEMO_MAX_BYTES = 64;

/**
 * The memo cut to 64 UTF-8 bytes, at a character boundary: sc-audit cuts the bytes and decodes strictly, which
 * throws when a multi-byte character straddles byte 64; we drop that partial character instead.
 */
export function cutMemo(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= MEMO_MAX_BYTES) return text;
  let end = MEMO_MAX_BYTES;
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}

/** `VCS<n>` when project n is known, else 1360 (sc-audit's fallback for any other id). */
export function vcsProjectId(projectId: string, known: ReadonlySet<number>): number {
  const m = /^VCS(\d{1,9})$/.exec(projectId);
  const n = m ? Number(m[1]) : null;
  return n !== null && known.has(n) ? n : VCS_PROJECT_ID;
}

/**
 * sc-audit's mapping of a contract call to a sinking_txs row: CARBON of the CARBON issuer as source and dest asset,
 * each with the carbon amount (stroops / 10^7 rounded down to 0.001 t), memo text cut to 64 bytes (none when empty).
 * Mercury rows get their TOIDs from the ledger and their place in it, in the order of the answer.
 */
export function contractCallRows(calls: readonly IndexedSinkCall[], cfg: SourceConfig, known: ReadonlySet<number>): SinkingTxRow[] {
  let ledger = -1;
  let n = 0;
  return calls.map((c) => {
    let toid = c.toid;
    if (toid === null) {
      n = c.ledger === ledger ? n + 1 : 0;
      ledger = c.ledger ?? 0;
      toid = makeToid(ledger, MERCURY_FIRST_TX_ORDER + n, 0);
    }
    const kg = c.stroops / STROOPS_PER_KG;
    const memo = c.memo ? cutMemo(c.memo) : null;
    return {
      hash: c.hash,
      created_at: c.createdAt,
      contract_id: c.contractId,
      funder: c.funder,
      recipient: c.recipient,
      carbon_amount: kg,
      source_asset_code: 'CARBON',
      source_asset_issuer: cfg.carbonIssuer,
      source_asset_amount: kg * STROOPS_PER_KG,
      dest_asset_code: 'CARBON',
      dest_asset_issuer: cfg.carbonIssuer,
      dest_asset_amount: kg * STROOPS_PER_KG,
      vcs_project_id: vcsProjectId(c.projectId, known),
      memo_type: memo ? 'text' : 'none',
      memo_value: memo,
      toid,
    };
  });
}
