import path from 'node:path';
import { recordSchemaChange } from '../electron/core/audit/operationRunner.js';
import { openReadDb, openWriteDb } from '../electron/core/db/open.js';
import type { SyntheticFacts } from '../electron/testkit/synthetic/generate.js';
import { benchAggregates, type AggregateResult } from './aggregates.js';
import { benchDatabase, BENCH_SIZES } from './data.js';
import type { ExportResult } from './exportCsv.js';
import { benchPages, type PageResult } from './pages.js';
import { round, type Timing } from './stats.js';

/**
 * Item 7: the page queries, the aggregates and the export at 100k and at 1M sales (bench/data/tenth.sqlite3,
 * generated like full.sqlite3 with a tenth of everything), and the ratio of each p95 (the export: its median of
 * three runs). A page query reads one page whatever the table's size, so its ratio stays near 1; a ratio above
 * GROWTH_FLAG means its cost grows with the table, not with the page. The medians' ratio is kept too: on a loaded
 * machine one slow run makes a p95, so a row is flagged only when both ratios exceed GROWTH_FLAG.
 */
export const GROWTH_FLAG = 3;

export interface GrowthRow {
  kind: 'page' | 'aggregate' | 'export';
  name: string;
  tenthMs: number | null;
  fullMs: number | null;
  ratio: number | null;
  /** The same ratio of the medians (the export: null, its figure already is a median). */
  medianRatio: number | null;
  grows: boolean;
}

export interface GrowthResult {
  tenthFile: string;
  tenthFacts: SyntheticFacts;
  rows: GrowthRow[];
}

/** What the run measured on the 1M-sale database already (this run's sections), reused instead of measured twice. */
export interface FullFigures {
  pages?: PageResult[];
  aggregates?: AggregateResult[];
  export?: ExportResult;
}

/** The export at one database; null = not measured. Hook for bench/exportCsv.ts (its entry takes a database path). */
export type ExportAt = (file: string, facts: SyntheticFacts) => Promise<ExportResult | null>;

const ratioOf = (small: number | null | undefined, big: number | null | undefined): number | null =>
  small != null && big != null && small > 0 ? round(big / small, 1) : null;

function row(kind: GrowthRow['kind'], name: string, tenth: Timing | null, full: Timing | null): GrowthRow {
  const ratio = ratioOf(tenth?.p95Ms, full?.p95Ms);
  const medianRatio = kind === 'export' ? ratio : ratioOf(tenth?.medianMs, full?.medianMs);
  const grows = ratio !== null && ratio > GROWTH_FLAG && medianRatio !== null && medianRatio > GROWTH_FLAG;
  return { kind, name, tenthMs: tenth?.p95Ms ?? null, fullMs: full?.p95Ms ?? null, ratio, medianRatio, grows };
}

export async function benchGrowth(
  fullFile: string,
  fullFacts: SyntheticFacts,
  measured: FullFigures,
  exportAt: ExportAt,
  runs: number,
  log: (m: string) => void,
): Promise<GrowthResult> {
  const tenth = benchDatabase('tenth', BENCH_SIZES.tenth, log);
  openWriteDb(tenth.file, { onMigrated: recordSchemaChange }).close();
  const measure = (file: string, facts: SyntheticFacts) => {
    const db = openReadDb(file);
    try {
      return { pages: benchPages(db, facts, runs), aggregates: benchAggregates(db, facts, Math.min(runs, 20)) };
    } finally {
      db.close();
    }
  };
  log('  100k sales: pages and aggregates');
  const small = measure(tenth.file, tenth.facts);
  const big = measured.pages && measured.aggregates ? { pages: measured.pages, aggregates: measured.aggregates } : (log('  1M sales: pages and aggregates'), measure(fullFile, fullFacts));
  const rows: GrowthRow[] = [
    ...small.pages.map((p, i) => row('page', `${p.table} / ${p.name}`, p, big.pages[i] ?? null)),
    // Aggregate names carry the middle day of the data, the same at both sizes (same time span).
    ...small.aggregates.map((a, i) => row('aggregate', a.name, a, big.aggregates[i] ?? null)),
  ];
  const smallExport = measured.export ? await exportAt(tenth.file, tenth.facts) : null;
  const asTiming = (median: number | undefined): Timing | null => (median === undefined ? null : { runs: 1, medianMs: median, p95Ms: median, maxMs: median });
  rows.push(row('export', 'CSV export of every sinking tx (median of the runs)', asTiming(smallExport?.appMedianMs), smallExport ? asTiming(measured.export?.appMedianMs) : null));
  // Relative to the checkout: results.json is tracked, and a path of this machine means nothing on another.
  return { tenthFile: path.relative(path.join(__dirname, '..'), tenth.file), tenthFacts: tenth.facts, rows };
}
