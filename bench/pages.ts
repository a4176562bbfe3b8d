import type { ReadDb } from '../electron/core/db/types.js';
import type { SyntheticFacts } from '../electron/testkit/synthetic/generate.js';
import { pageCases } from '../electron/testkit/synthetic/pageCases.js';
import { casePlans } from '../electron/testkit/synthetic/queryPlan.js';
import { timeSync, type Timing } from './stats.js';

/** Item 1: every table page query (the handlers' own functions), timed; its plan shown. Budget p95 < 20 ms. */
export const PAGE_BUDGET_MS = 20;

export interface PageResult extends Timing {
  table: string;
  name: string;
  plan: string;
  planProblems: string[];
  pass: boolean;
}

export function benchPages(db: ReadDb, facts: SyntheticFacts, runs: number): PageResult[] {
  return pageCases(facts).map((c) => {
    const plans = casePlans(db, c);
    const t = timeSync(() => c.run(db), runs, 2);
    return {
      table: c.table,
      name: c.name,
      ...t,
      plan: plans.map((p) => p.plan.join('; ')).join(' ‖ '),
      planProblems: plans.flatMap((p) => p.problems),
      pass: t.p95Ms < PAGE_BUDGET_MS,
    };
  });
}
