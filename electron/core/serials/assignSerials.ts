import type { SerialAssignment, SerialBacking, SerialClaim, SerialProblem } from '../../../shared/api/serials.js';
import { parseSerialNumber, serialSize } from '../domain/serialNumber.js';
import { txHashesFromDetails } from '../sync/sinkStatus.js';
import { IntervalSet } from './intervals.js';

/**
 * The tonne-level serial assignment rule (issue 15 part 2), as a pure function of plain rows, so that the proof
 * bundle's checker (part 3) and verify compute the same thing:
 * 1. retirements in certificate_id order;
 * 2. a retirement's fills in the order their tx hashes appear in its retirement_details (a fill whose hash is not
 *    listed comes after the listed ones, by hash);
 * 3. each fill of f kg takes the next f kg positions from start·1000 upwards (credit n = kg [n·1000, (n+1)·1000));
 *    what goes beyond the retirement's last credit is backed by no serial ("overfilled");
 * 4. every credit of a retirement must lie in a block its retirement_from_block links name, of its project
 *    ("outside-block" otherwise);
 * 5. no kg position is retired twice across all retirements ("overlap"; the unfilled rest of a retirement counts
 *    too, claimed by no sale), and every finalized sale's carbon equals the kg assigned to it ("unbacked").
 */
export const KG_PER_CREDIT = 1000;

export interface RuleRetirement {
  certificate_id: number;
  vcu_amount: number;
  serial_number: string;
  retirement_details: string;
  vcs_project_id: number;
}

/** A sink_status row: amount_filled in kg. */
export interface RuleFill {
  sinking_tx_hash: string;
  certificate_id: number;
  amount_filled: number;
  finalized: boolean;
}

export interface RuleBlock {
  serial_hash: string;
  vcs_project_id: number;
  block_start: number;
  block_end: number;
}

/** A retirement_from_block row (its vcu_amount plays no part: the serial ranges decide). */
export interface RuleLink {
  retirement_id: number;
  block_hash: string;
}

/** A sale to check for unbacked tonnes (only finalized ones are: those with a finalized fill); carbon in kg. */
export interface RuleSale {
  hash: string;
  carbon_amount: number;
}

export interface SerialRuleInput {
  retirements: readonly RuleRetirement[];
  fills: readonly RuleFill[];
  blocks: readonly RuleBlock[];
  links: readonly RuleLink[];
  sales: readonly RuleSale[];
}

export interface SerialRuleOptions {
  /** Keep only this sale's backing ranges. */
  saleHash?: string;
  /** false: compute problems and totals only (verify, where a million ranges would only cost memory). */
  backing?: boolean;
}

/** A stretch of a retirement's kg positions lying in one block (or in none: block_hash null). */
interface Segment {
  lo: number;
  hi: number;
  block_hash: string | null;
}

const serialOf = (kg: number) => Math.floor(kg / KG_PER_CREDIT);

function groupBy<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const list = out.get(key(r));
    if (list) list.push(r);
    else out.set(key(r), [r]);
  }
  return out;
}

/** The fills of one retirement in rule 2's order. */
function fillOrder(r: RuleRetirement, fills: RuleFill[]): RuleFill[] {
  let listed: string[] = [];
  try {
    listed = txHashesFromDetails(r.retirement_details, r.certificate_id);
  } catch {
    // Details that name no sales: every fill is "not listed" (the retirement-txs check reports the details).
  }
  const rank = new Map<string, number>();
  listed.forEach((h, i) => rank.has(h) || rank.set(h, i));
  const at = (f: RuleFill) => rank.get(f.sinking_tx_hash) ?? Number.MAX_SAFE_INTEGER;
  return [...fills].sort((a, b) => at(a) - at(b) || (a.sinking_tx_hash < b.sinking_tx_hash ? -1 : a.sinking_tx_hash > b.sinking_tx_hash ? 1 : 0));
}

/** Rule 4: the retirement's kg range cut by the linked blocks of its project; the gaps have no block. */
function segmentsOf(lo: number, hi: number, blocks: RuleBlock[]): Segment[] {
  const segments: Segment[] = [];
  let at = lo;
  for (const b of [...blocks].sort((x, y) => x.block_start - y.block_start)) {
    const bLo = Math.max(b.block_start * KG_PER_CREDIT, at);
    const bHi = Math.min((b.block_end + 1) * KG_PER_CREDIT, hi);
    if (bLo >= bHi) continue;
    if (bLo > at) segments.push({ lo: at, hi: bLo, block_hash: null });
    segments.push({ lo: bLo, hi: bHi, block_hash: b.serial_hash });
    at = bHi;
  }
  if (at < hi) segments.push({ lo: at, hi, block_hash: null });
  return segments;
}

/** The serial range of a retirement in kg positions, or why it has none. */
function rangeOf(r: RuleRetirement): { lo: number; hi: number } | string {
  let sn;
  try {
    sn = parseSerialNumber(r.serial_number);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  if (serialSize(sn) !== r.vcu_amount) return `its serial range has ${serialSize(sn)} credits, its vcu_amount ${r.vcu_amount}`;
  const hi = (sn.blockEnd + 1) * KG_PER_CREDIT;
  if (!Number.isSafeInteger(hi)) return 'its serial numbers are too large to count in kilograms';
  return { lo: sn.blockStart * KG_PER_CREDIT, hi };
}

export function assignSerials(input: SerialRuleInput, opts: SerialRuleOptions = {}): SerialAssignment {
  const keepBacking = opts.backing !== false;
  const backing: SerialBacking[] = [];
  const problems: SerialProblem[] = [];
  const totals = { retired_credits: 0, assigned_kg: 0, assigned_credits: 0 };
  const fillsOf = groupBy(input.fills, (f) => f.certificate_id);
  const blockByHash = new Map(input.blocks.map((b) => [b.serial_hash, b]));
  const linksOf = groupBy(input.links, (l) => l.retirement_id);
  const positions = new Map<number, IntervalSet<SerialClaim>>();
  // The sales to check, each with the kg assigned to it: one map, updated in place.
  const tally = new Map<string, { carbon: number; assigned: number; finalized: boolean }>();
  for (const s of input.sales) tally.set(s.hash, { carbon: s.carbon_amount, assigned: 0, finalized: false });
  for (const f of input.fills) {
    const sale = f.finalized ? tally.get(f.sinking_tx_hash) : undefined;
    if (sale) sale.finalized = true;
  }

  const claim = (project: number, lo: number, hi: number, who: SerialClaim) => {
    let set = positions.get(project);
    if (!set) positions.set(project, (set = new IntervalSet<SerialClaim>()));
    for (const o of set.insert(lo, hi, who)) {
      const last = problems[problems.length - 1];
      // One problem per stretch of one pair of claims, however many fills the stretch spans.
      if (last?.kind === 'overlap' && last.first === o.owner && last.second.certificate_id === who.certificate_id && last.second.sale_hash === who.sale_hash && (last.last_serial + 1) * KG_PER_CREDIT >= o.lo && last.vcs_project_id === project) {
        last.last_serial = serialOf(o.hi - 1);
        last.kg += o.hi - o.lo;
      } else {
        problems.push({ kind: 'overlap', vcs_project_id: project, first_serial: serialOf(o.lo), last_serial: serialOf(o.hi - 1), kg: o.hi - o.lo, first: o.owner, second: who });
      }
    }
  };

  for (const r of [...input.retirements].sort((a, b) => a.certificate_id - b.certificate_id)) {
    totals.retired_credits += r.vcu_amount;
    const range = rangeOf(r);
    if (typeof range === 'string') {
      problems.push({ kind: 'bad-serial', certificate_id: r.certificate_id, serial_number: r.serial_number, reason: range });
      continue;
    }
    const project = r.vcs_project_id;
    const linked = (linksOf.get(r.certificate_id) ?? []).flatMap((l) => {
      const b = blockByHash.get(l.block_hash);
      return b && b.vcs_project_id === project ? [b] : [];
    });
    const segments = segmentsOf(range.lo, range.hi, linked);
    for (const s of segments) {
      if (s.block_hash === null) problems.push({ kind: 'outside-block', certificate_id: r.certificate_id, vcs_project_id: project, first_serial: serialOf(s.lo), last_serial: serialOf(s.hi - 1) });
    }
    let pos = range.lo;
    let seg = 0;
    let filled = 0;
    for (const f of fillOrder(r, fillsOf.get(r.certificate_id) ?? [])) {
      filled += f.amount_filled;
      const a = pos;
      const b = Math.min(pos + f.amount_filled, range.hi);
      pos = b;
      if (a >= b) continue;
      const sale = tally.get(f.sinking_tx_hash);
      if (sale) sale.assigned += b - a;
      totals.assigned_kg += b - a;
      claim(project, a, b, { certificate_id: r.certificate_id, sale_hash: f.sinking_tx_hash });
      if (!keepBacking || (opts.saleHash !== undefined && opts.saleHash !== f.sinking_tx_hash)) continue;
      // Fills only move upwards, so the segment pointer does too.
      while (seg < segments.length && (segments[seg] as Segment).hi <= a) seg++;
      for (let i = seg; i < segments.length && (segments[i] as Segment).lo < b; i++) {
        const s = segments[i] as Segment;
        const lo = Math.max(a, s.lo);
        const hi = Math.min(b, s.hi);
        backing.push({ sale_hash: f.sinking_tx_hash, certificate_id: r.certificate_id, block_hash: s.block_hash, vcs_project_id: project, first_serial: serialOf(lo), last_serial: serialOf(hi - 1), kg: hi - lo });
      }
    }
    totals.assigned_credits += serialOf(pos - range.lo);
    claim(project, pos, range.hi, { certificate_id: r.certificate_id, sale_hash: null });
    const most = r.vcu_amount * KG_PER_CREDIT;
    if (filled > most) problems.push({ kind: 'overfilled', certificate_id: r.certificate_id, vcu_amount: r.vcu_amount, filled_kg: filled, excess_kg: filled - most });
  }

  for (const [hash, s] of tally) {
    if (s.finalized && s.assigned !== s.carbon) problems.push({ kind: 'unbacked', sale_hash: hash, carbon_kg: s.carbon, assigned_kg: s.assigned, missing_kg: s.carbon - s.assigned });
  }
  return { backing, problems, totals };
}
