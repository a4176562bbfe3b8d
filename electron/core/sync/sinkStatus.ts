import { AppError } from '../../../shared/errors.js';

export interface OpenSale {
  hash: string;
  carbon_amount: bigint;
  /** kg already covered by sink statuses. */
  filled: bigint;
}

export interface UnfilledRetirement {
  certificate_id: number;
  retirement_details: string;
  /** In kg (VCUs × 1000). */
  amount: bigint;
  filled: bigint;
  /** Sinking txs it already has a status for. */
  has: Set<string>;
}

export interface SinkStatusRow {
  sinking_tx_hash: string;
  certificate_id: number;
  amount_filled: bigint;
  finalized: 0 | 1;
}

/** The tx hashes listed in "stellarcarbon.io <hash> <hash> …". */
export function txHashesFromDetails(details: string, certificateId: number): string[] {
  const [tag, ...hashes] = details.trim().split(/\s+/);
  if (!tag?.startsWith('stellarcarbon')) {
    throw new AppError('DATA_INCONSISTENT', `sink-statuses: certificate ${certificateId}: retirement details do not start with "stellarcarbon": ${JSON.stringify(details)}`);
  }
  return hashes;
}

/** A retirement that names a sale the database does not have (e.g. a contract-call sale while no indexer is set). */
export interface UnknownSale {
  certificate_id: number;
  hash: string;
}

/**
 * Fills sales from retirements, in the given (certificate id) order: each listed tx gets
 * min(its unfilled carbon, the retirement's unfilled amount); a listed tx that is already full is an error.
 * A listed tx that is not loaded is skipped and reported in `unknown`, so it does not block every other sale's
 * status; it is filled by a later run once it is loaded. `sales` is updated in place so later retirements see
 * earlier fills.
 */
export function fillSinkStatuses(retirements: UnfilledRetirement[], sales: Map<string, OpenSale>, unknown: UnknownSale[] = []): SinkStatusRow[] {
  const rows: SinkStatusRow[] = [];
  for (const r of retirements) {
    let filled = r.filled;
    for (const hash of txHashesFromDetails(r.retirement_details, r.certificate_id)) {
      if (r.has.has(hash)) continue;
      const sale = sales.get(hash);
      if (!sale) {
        unknown.push({ certificate_id: r.certificate_id, hash });
        continue;
      }
      const saleLeft = sale.carbon_amount - sale.filled;
      if (saleLeft <= 0n) {
        throw new AppError('DATA_INCONSISTENT', `sink-statuses: certificate ${r.certificate_id} names sinking tx ${hash}, which is already fully retired`);
      }
      const left = r.amount - filled;
      const amount = saleLeft < left ? saleLeft : left;
      sale.filled += amount;
      filled += amount;
      r.has.add(hash);
      rows.push({ sinking_tx_hash: hash, certificate_id: r.certificate_id, amount_filled: amount, finalized: sale.filled === sale.carbon_amount ? 1 : 0 });
    }
  }
  return rows;
}
