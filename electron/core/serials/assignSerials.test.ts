import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignSerials, type RuleFill, type RuleRetirement, type SerialRuleInput } from './assignSerials.js';

const h = (n: number): string => n.toString(16).padStart(64, '0');
const serial = (first: number, last: number) => `8040-${first}-${last}-VCU-042-MER-PE-14-1360-01072013-30062014-1`;

/** A retirement of credits first..last naming `sales` in its details. */
function retirement(id: number, first: number, last: number, sales: string[]): RuleRetirement {
  return { certificate_id: id, vcu_amount: last - first + 1, serial_number: serial(first, last), retirement_details: ['stellarcarbon.io', ...sales].join(' '), vcs_project_id: 1360 };
}
const fill = (sale: string, id: number, kg: number, finalized = true): RuleFill => ({ sinking_tx_hash: sale, certificate_id: id, amount_filled: kg, finalized });

/** Block B1 = credits 100..109, B2 = 110..119; each retirement linked to both (the serial ranges decide). */
function world(retirements: RuleRetirement[], fills: RuleFill[], sales: [string, number][]): SerialRuleInput {
  return {
    retirements,
    fills,
    blocks: [
      { serial_hash: h(0xb1), vcs_project_id: 1360, block_start: 100, block_end: 109 },
      { serial_hash: h(0xb2), vcs_project_id: 1360, block_start: 110, block_end: 119 },
    ],
    links: retirements.flatMap((r) => [
      { retirement_id: r.certificate_id, block_hash: h(0xb1) },
      { retirement_id: r.certificate_id, block_hash: h(0xb2) },
    ]),
    sales: sales.map(([hash, carbon_amount]) => ({ hash, carbon_amount })),
  };
}

describe('assignSerials (the serial rule)', () => {
  it('gives each fill the next kilograms of its retirement, in the order of its details, split at block boundaries', () => {
    // Sale 2 is listed first, so it takes credit 108 and half of 109; sale 1 the other half of 109, then 110–111.
    const r = assignSerials(world([retirement(7, 108, 111, [h(2), h(1)])], [fill(h(1), 7, 2500), fill(h(2), 7, 1500)], [[h(1), 2500], [h(2), 1500]]));
    expect(r.problems).toEqual([]);
    expect(r.backing).toEqual([
      { sale_hash: h(2), certificate_id: 7, block_hash: h(0xb1), vcs_project_id: 1360, first_serial: 108, last_serial: 109, kg: 1500 },
      { sale_hash: h(1), certificate_id: 7, block_hash: h(0xb1), vcs_project_id: 1360, first_serial: 109, last_serial: 109, kg: 500 },
      { sale_hash: h(1), certificate_id: 7, block_hash: h(0xb2), vcs_project_id: 1360, first_serial: 110, last_serial: 111, kg: 2000 },
    ]);
    expect(r.totals).toEqual({ retired_credits: 4, assigned_kg: 4000, assigned_credits: 4 });
    expect(assignSerials(world([retirement(7, 108, 111, [h(2), h(1)])], [fill(h(1), 7, 2500), fill(h(2), 7, 1500)], []), { saleHash: h(2) }).backing).toHaveLength(1);
  });

  it('takes retirements in certificate order and puts fills their details do not list last, by hash', () => {
    const r = assignSerials(world([retirement(9, 104, 104, []), retirement(8, 100, 101, [h(5)])], [fill(h(6), 8, 1000), fill(h(5), 8, 1000), fill(h(4), 9, 1000)], []));
    expect(r.backing.map((b) => [b.certificate_id, b.sale_hash, b.first_serial])).toEqual([
      [8, h(5), 100],
      [8, h(6), 101],
      [9, h(4), 104],
    ]);
  });

  it('names an overlap: two retirements of the same serials, with both sales and the range', () => {
    const r = assignSerials(world([retirement(1, 100, 102, [h(1)]), retirement(2, 102, 103, [h(2)])], [fill(h(1), 1, 3000), fill(h(2), 2, 2000)], [[h(1), 3000], [h(2), 2000]]));
    expect(r.problems).toEqual([
      { kind: 'overlap', vcs_project_id: 1360, first_serial: 102, last_serial: 102, kg: 1000, first: { certificate_id: 1, sale_hash: h(1) }, second: { certificate_id: 2, sale_hash: h(2) } },
    ]);
  });

  it('counts the unfilled rest of a retirement in overlaps (claimed by no sale)', () => {
    const r = assignSerials(world([retirement(1, 100, 104, [h(1)]), retirement(2, 103, 103, [])], [fill(h(1), 1, 1000)], []));
    expect(r.problems).toEqual([
      { kind: 'overlap', vcs_project_id: 1360, first_serial: 103, last_serial: 103, kg: 1000, first: { certificate_id: 1, sale_hash: null }, second: { certificate_id: 2, sale_hash: null } },
    ]);
  });

  it('names a retirement filled beyond its serials, and the finalized sale left unbacked by it', () => {
    const r = assignSerials(world([retirement(1, 100, 100, [h(1)])], [fill(h(1), 1, 1500)], [[h(1), 1500]]));
    expect(r.problems).toEqual([
      { kind: 'overfilled', certificate_id: 1, vcu_amount: 1, filled_kg: 1500, excess_kg: 500 },
      { kind: 'unbacked', sale_hash: h(1), carbon_kg: 1500, assigned_kg: 1000, missing_kg: 500 },
    ]);
    expect(r.backing).toEqual([{ sale_hash: h(1), certificate_id: 1, block_hash: h(0xb1), vcs_project_id: 1360, first_serial: 100, last_serial: 100, kg: 1000 }]);
  });

  it('names serials outside every block the retirement is linked to (other blocks do not count)', () => {
    const input = world([retirement(1, 118, 121, [h(1)])], [fill(h(1), 1, 4000)], [[h(1), 4000]]);
    const r = assignSerials({ ...input, links: [{ retirement_id: 1, block_hash: h(0xb1) }] });
    expect(r.problems).toEqual([{ kind: 'outside-block', certificate_id: 1, vcs_project_id: 1360, first_serial: 118, last_serial: 121 }]);
    const linked = assignSerials(input);
    expect(linked.problems).toEqual([{ kind: 'outside-block', certificate_id: 1, vcs_project_id: 1360, first_serial: 120, last_serial: 121 }]);
    expect(linked.backing.map((b) => [b.block_hash, b.first_serial, b.last_serial])).toEqual([
      [h(0xb2), 118, 119],
      [null, 120, 121],
    ]);
  });

  it('checks only finalized sales for unbacked tonnes, each once', () => {
    const input = world([retirement(1, 100, 100, [h(1), h(2)])], [fill(h(1), 1, 600), fill(h(2), 1, 400, false)], [[h(1), 700], [h(1), 700], [h(2), 900]]);
    expect(assignSerials(input).problems).toEqual([{ kind: 'unbacked', sale_hash: h(1), carbon_kg: 700, assigned_kg: 600, missing_kg: 100 }]);
  });

  it('names a serial that cannot be read or disagrees with vcu_amount', () => {
    const bad = { ...retirement(1, 100, 101, []), serial_number: 'nonsense' };
    const short = { ...retirement(2, 100, 101, []), vcu_amount: 3 };
    expect(assignSerials(world([bad, short], [], [])).problems.map((p) => [p.kind, 'certificate_id' in p && p.certificate_id])).toEqual([
      ['bad-serial', 1],
      ['bad-serial', 2],
    ]);
  });

  it('agrees with a kilogram-by-kilogram model on overlaps, backing and assigned kg', () => {
    const arb = fc.array(fc.record({ first: fc.integer({ min: 100, max: 117 }), len: fc.integer({ min: 1, max: 3 }), fills: fc.array(fc.integer({ min: 0, max: 1500 }), { maxLength: 3 }) }), { maxLength: 6 });
    fc.assert(
      fc.property(arb, (specs) => {
        let sale = 0;
        const fills: RuleFill[] = [];
        const rets = specs.map((s, id) => {
          const sales = s.fills.map((kg) => {
            fills.push(fill(h(++sale), id, kg));
            return h(sale);
          });
          return retirement(id, s.first, s.first + s.len - 1, sales);
        });
        const r = assignSerials(world(rets, fills, []));
        // The model: one owner per kg position, walked exactly as the rule says.
        const owner = new Map<number, number>();
        let doubled = 0;
        const perSale = new Map<string, number>();
        rets.forEach((ret, id) => {
          let pos = specs[id]!.first * 1000;
          const end = (specs[id]!.first + specs[id]!.len) * 1000;
          for (const f of fills.filter((x) => x.certificate_id === id)) {
            for (let k = 0; k < f.amount_filled && pos < end; k++, pos++) perSale.set(f.sinking_tx_hash, (perSale.get(f.sinking_tx_hash) ?? 0) + 1);
          }
          for (let p = specs[id]!.first * 1000; p < end; p++) {
            if (owner.has(p)) doubled++;
            else owner.set(p, id);
          }
        });
        const overlapKg = r.problems.reduce((n, p) => n + (p.kind === 'overlap' ? p.kg : 0), 0);
        expect(overlapKg).toBe(doubled);
        const backed = new Map<string, number>();
        for (const b of r.backing) backed.set(b.sale_hash, (backed.get(b.sale_hash) ?? 0) + b.kg);
        expect([...backed].filter(([, kg]) => kg > 0).sort()).toEqual([...perSale].sort());
        expect(r.totals.assigned_kg).toBe([...perSale.values()].reduce((a, b) => a + b, 0));
        expect(r.problems.filter((p) => p.kind === 'outside-block')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
