import type { ReadDb } from '../../core/db/types.js';
import type { PageCase } from './pageCases.js';
import { recordStatements } from './pageCases.js';

/**
 * EXPLAIN QUERY PLAN of every statement a page case runs, and what is wrong with it:
 * - a bare "SCAN <table>" (no index) of a table that grows with the data, unless the case walks the table's
 *   integer primary key one page at a time (no filter, stops after LIMIT);
 * - "USE TEMP B-TREE FOR ORDER BY" in a list page: every matching row would be read and sorted before the first
 *   one is returned (a page must come out of an index in order).
 * Small tables (one row per project / per operation) may be scanned.
 */
const SMALL = new Set(['vcs_projects', 'audit_operation_events', 'json_each']);
/** Aliases the views use, to their tables. */
const ALIASES: Record<string, string> = { s: 'audit_operation_events', f: 'audit_operation_events', p: 'vcs_projects', ss: 'sink_status', r: 'retirements', rfb: 'retirement_from_block', mb: 'minted_blocks' };

export interface StatementPlan {
  sql: string;
  plan: string[];
  problems: string[];
}

export function explain(db: ReadDb, sql: string, args: unknown[]): string[] {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(args as never[])) as { detail: string }[];
  return rows.map((r) => r.detail);
}

export function planProblems(c: Pick<PageCase, 'walk' | 'detail' | 'sortsRange'>, plan: string[]): string[] {
  const problems: string[] = [];
  const tables = plan.flatMap((line) => {
    const m = /^(?:SCAN|SEARCH) (\S+)/.exec(line.trim());
    return m ? [ALIASES[m[1] as string] ?? (m[1] as string)] : [];
  });
  const touchesBig = tables.some((t) => !SMALL.has(t));
  for (const line of plan) {
    const scan = /^SCAN (\S+)$/.exec(line.trim());
    if (scan) {
      const name = scan[1] as string;
      const table = ALIASES[name] ?? name;
      if (!SMALL.has(table) && !c.walk) problems.push(`full scan of ${table}: ${line}`);
    }
    if (/USE TEMP B-TREE FOR (LAST )?ORDER BY/.test(line) && touchesBig && !c.detail && !c.sortsRange) problems.push(`sorts every match: ${line}`);
  }
  return problems;
}

export function casePlans(db: ReadDb, c: PageCase): StatementPlan[] {
  return recordStatements(db, (d) => c.run(d)).map(({ sql, args }) => {
    const plan = explain(db, sql, args);
    return { sql, plan, problems: planProblems(c, plan) };
  });
}
