import type { ReadDb } from '../electron/core/db/types.js';
import type { SyntheticFacts } from '../electron/testkit/synthetic/generate.js';
import { viewInventory } from '../electron/core/views/inventory.js';
import { carbonStats } from '../electron/core/views/stats.js';
import { yoyAnalytics } from '../electron/core/views/analytics.js';
import { timeSync, type Timing } from './stats.js';

/** Item 2: inventory (now and as of a date) and stats over the whole data. Budget p95 < 100 ms; year-over-year analytics < 1 s. */
export const AGGREGATE_BUDGET_MS = 100;
export const ANALYTICS_BUDGET_MS = 1000;

export interface AggregateResult extends Timing {
  name: string;
  rows: number | null;
  /** false: measured for information, outside the budget (see docs/performance.md). */
  budgeted: boolean;
  /** The p95 budget of this case. */
  budgetMs: number;
  pass: boolean;
}

export function benchAggregates(db: ReadDb, facts: SyntheticFacts, runs: number): AggregateResult[] {
  const mid = new Date((Date.parse(`${facts.firstSaleAt}Z`) + Date.parse(`${facts.lastSaleAt}Z`)) / 2).toISOString().slice(0, 10);
  const cases: { name: string; budgetMs?: number; runs?: number; run: () => { rows: number | null } }[] = [
    { name: 'inventory (now)', run: () => ({ rows: viewInventory(db, {}).rows.length }) },
    { name: `inventory as of ${mid}`, run: () => ({ rows: viewInventory(db, { untilDate: mid }).rows.length }) },
    { name: `inventory as of ${mid}, omit empty`, run: () => ({ rows: viewInventory(db, { untilDate: mid, omitEmpty: true }).rows.length }) },
    { name: 'stats (all)', run: () => (carbonStats(db), { rows: null }) },
    { name: 'stats (one recipient)', run: () => (carbonStats(db, facts.busyRecipient), { rows: null }) },
    { name: 'year-over-year analytics (every sale)', budgetMs: ANALYTICS_BUDGET_MS, runs: Math.min(runs, 10), run: () => ({ rows: yoyAnalytics(db).length }) },
  ];
  return cases.map((c) => {
    let rows: number | null = null;
    const t = timeSync(() => (rows = c.run().rows), c.runs ?? runs, 1);
    const budgetMs = c.budgetMs ?? AGGREGATE_BUDGET_MS;
    return { name: c.name, rows, budgeted: true, budgetMs, ...t, pass: t.p95Ms < budgetMs };
  });
}
