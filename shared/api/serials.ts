/**
 * Tonne-level serial accounting (issue 15 part 2): which numbered credits back which sale. The rule (every kg of a
 * retirement's serial range taken by its fills in order) is electron/core/serials/assignSerials.ts; these are its
 * results, as they cross the API. Amounts are integer kilograms (1 credit = 1 t = 1000 kg): exact, JSON-safe.
 */

/** Some of a sale's kilograms, backed by consecutive serials of one retirement within one block. */
export interface SerialBacking {
  sale_hash: string;
  certificate_id: number;
  /** The minted block these serials lie in; null when they lie in no block the retirement is linked to. */
  block_hash: string | null;
  vcs_project_id: number;
  first_serial: number;
  last_serial: number;
  kg: number;
}

/** One party to an overlap: a retirement and the sale whose fill took the positions (null: the unfilled rest). */
export interface SerialClaim {
  certificate_id: number;
  sale_hash: string | null;
}

export type SerialProblem =
  /** The same kg positions are retired twice: `first` holds them, `second` claims them again. */
  | { kind: 'overlap'; vcs_project_id: number; first_serial: number; last_serial: number; kg: number; first: SerialClaim; second: SerialClaim }
  /** Credits of a retirement lying in no minted block its retirement_from_block links name. */
  | { kind: 'outside-block'; certificate_id: number; vcs_project_id: number; first_serial: number; last_serial: number }
  /** A finalized sale whose carbon is not the kg its fills were assigned (missing_kg < 0: more assigned than sold). */
  | { kind: 'unbacked'; sale_hash: string; carbon_kg: number; assigned_kg: number; missing_kg: number }
  /** A retirement whose fills add up to more than its vcu_amount × 1000 kg (the excess is backed by no serial). */
  | { kind: 'overfilled'; certificate_id: number; vcu_amount: number; filled_kg: number; excess_kg: number }
  /** A retirement whose serial number cannot be read or disagrees with its vcu_amount: none of its credits can be placed. */
  | { kind: 'bad-serial'; certificate_id: number; serial_number: string; reason: string };

export type SerialProblemKind = SerialProblem['kind'];

export interface SerialTotals {
  /** Credits retired (Σ vcu_amount of the retirements read). */
  retired_credits: number;
  /** kg the fills were assigned inside their retirements' serial ranges. */
  assigned_kg: number;
  /** Credits whose every kg is assigned to sales. */
  assigned_credits: number;
}

export interface SerialAssignment {
  /** In certificate_id order, then fill order, then serial order. */
  backing: SerialBacking[];
  problems: SerialProblem[];
  totals: SerialTotals;
}

/** "449402301–449402303", or one serial alone: how verify and the sale detail print a range. */
export function formatSerialRange(first: number, last: number): string {
  return first === last ? String(first) : `${first}–${last}`;
}
