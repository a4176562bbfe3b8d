import type { SerialAssignment } from '../../../shared/api/serials.js';
import { prepareQuery, sql, type SqlFragment } from '../db/sql.js';
import type { ReadDb } from '../db/types.js';
import { assignSerials, type RuleBlock, type RuleFill, type RuleLink, type RuleRetirement, type RuleSale, type SerialRuleInput } from './assignSerials.js';

export interface SerialAssignmentOptions {
  /** One sale: read only the retirements that filled it (and their other fills), keep only its backing. */
  saleHash?: string;
  /** false: problems and totals only. */
  backing?: boolean;
}

/** Rows as plain numbers: kg positions stay far below 2^53 (a serial of 12 digits × 1000). */
function rows<T>(db: ReadDb, q: SqlFragment): T[] {
  return prepareQuery(db, q, { bigInts: false }).all(...q.params) as T[];
}

/** The retirements the assignment reads: every one, or those that filled one sale. */
function retirementScope(saleHash: string | undefined): SqlFragment {
  return saleHash === undefined
    ? sql`SELECT certificate_id FROM retirements`
    : sql`SELECT certificate_id FROM sink_status WHERE sinking_tx_hash = ${saleHash}`;
}

/** The rule's input read from the database (one read snapshot when the caller holds a transaction). */
export function serialRuleInput(db: ReadDb, saleHash?: string): SerialRuleInput {
  const scope = retirementScope(saleHash);
  const retirements = rows<RuleRetirement>(
    db,
    sql`SELECT certificate_id, vcu_amount, serial_number, retirement_details, vcs_project_id FROM retirements
        WHERE certificate_id IN (${scope}) ORDER BY certificate_id`,
  );
  // One pass over the fills, with each sale's carbon (a sale is checked for unbacked tonnes when a fill finalized it).
  const fills: RuleFill[] = [];
  const sales: RuleSale[] = [];
  // Row by row: a million fills are held once, as the rule's rows, not twice.
  const q = sql`SELECT s.sinking_tx_hash, s.certificate_id, s.amount_filled, s.finalized, t.carbon_amount
      FROM sink_status s LEFT JOIN sinking_txs t ON t.hash = s.sinking_tx_hash WHERE s.certificate_id IN (${scope})`;
  for (const [hash, certificate, filled, finalized, carbon] of prepareQuery(db, q, { bigInts: false }).raw(true).iterate(...q.params) as IterableIterator<[string, number, number, number, number | null]>) {
    fills.push({ sinking_tx_hash: hash, certificate_id: certificate, amount_filled: filled, finalized: finalized === 1 });
    if (finalized === 1 && carbon !== null && (saleHash === undefined || hash === saleHash)) sales.push({ hash, carbon_amount: carbon });
  }
  const links = rows<RuleLink>(db, sql`SELECT retirement_id, block_hash FROM retirement_from_block WHERE retirement_id IN (${scope})`);
  const blocks = rows<RuleBlock>(
    db,
    sql`SELECT serial_hash, vcs_project_id, block_start, block_end FROM minted_blocks
        WHERE serial_hash IN (SELECT block_hash FROM retirement_from_block WHERE retirement_id IN (${scope}))`,
  );
  return { retirements, fills, blocks, links, sales };
}

/**
 * The serial assignment of the database (assignSerials.ts is the rule). With `saleHash`, only the retirements that
 * filled that sale take part: its backing is exact, and the problems are those among these retirements.
 */
export function serialAssignment(db: ReadDb, opts: SerialAssignmentOptions = {}): SerialAssignment {
  return assignSerials(serialRuleInput(db, opts.saleHash), { saleHash: opts.saleHash, backing: opts.backing });
}
