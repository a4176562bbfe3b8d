import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { SyntheticFacts } from '../electron/testkit/synthetic/generate.js';
import { DATA_DIR } from './data.js';
import { parseGnuTimeMaxRssKb, round } from './stats.js';

/**
 * Item 3: CSV export of every sinking tx (the app's export.toFile, in a child process so its peak RSS is its own)
 * against the sqlite3 shell writing the same columns (amounts as the same decimal text, statuses as the same JSON
 * list) from the same database. Budget: app time ≤ 1.5 × shell time, app peak RSS < 200 MB.
 */
export const EXPORT_RATIO_BUDGET = 1.5;
export const EXPORT_RSS_BUDGET_MB = 200;

export interface ExportRun {
  ms: number;
  rowsPerSec: number;
  peakRssMb: number | null;
  bytes: number;
}

export interface ExportResult {
  rows: number;
  app: ExportRun[];
  sqlite3: ExportRun[];
  appMedianMs: number;
  sqlite3MedianMs: number;
  ratio: number;
  appPeakRssMb: number;
  passTime: boolean;
  passMemory: boolean;
}

const amount = (col: string, scale: number) => `printf('%d.%0${scale}d', ${col} / ${10 ** scale}, ${col} % ${10 ** scale})`;

/** The export's columns, computed by SQLite alone (what a user of the sqlite3 shell would run). */
export const SHELL_SQL =
  `SELECT s.hash, s.created_at, s.contract_id, s.funder, s.recipient, ${amount('s.carbon_amount', 3)} AS carbon_amount, ` +
  `s.source_asset_code, s.source_asset_issuer, ${amount('s.source_asset_amount', 7)} AS source_asset_amount, s.dest_asset_code, ` +
  `s.dest_asset_issuer, ${amount('s.dest_asset_amount', 7)} AS dest_asset_amount, s.vcs_project_id, s.memo_type, s.memo_value, ` +
  `CAST(s.toid AS TEXT) AS toid, (SELECT json_group_array(json_object('sinking_tx_hash', ss.sinking_tx_hash, 'certificate_id', ` +
  `ss.certificate_id, 'amount_filled', ${amount('ss.amount_filled', 3)}, 'finalized', json(CASE ss.finalized WHEN 1 THEN 'true' ELSE 'false' END))) ` +
  `FROM (SELECT * FROM sink_status WHERE sinking_tx_hash = s.hash ORDER BY certificate_id) ss) AS statuses ` +
  `FROM sinking_txs s ORDER BY s.toid DESC;`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

function runApp(db: string, out: string): ExportRun & { rows: number } {
  fs.rmSync(out, { force: true });
  const tsx = path.join(__dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const r = spawnSync(process.execPath, [tsx, path.join(__dirname, 'exportChild.ts'), db, out], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`export child failed: ${r.stderr}`);
  const line = r.stdout.trim().split('\n').pop() as string;
  const j = JSON.parse(line) as { exportMs: number; rows: number; bytes: number; maxRssKb: number };
  return { ms: round(j.exportMs), rows: j.rows, bytes: j.bytes, rowsPerSec: Math.round(j.rows / (j.exportMs / 1000)), peakRssMb: round(j.maxRssKb / 1024, 1) };
}

function runShell(db: string, out: string, rows: number): ExportRun {
  fs.rmSync(out, { force: true });
  const t = performance.now();
  // GNU time for the shell's peak RSS; -readonly so the bench never writes to the database.
  const r = spawnSync('/usr/bin/time', ['-v', 'sqlite3', '-readonly', '-csv', '-header', db, SHELL_SQL], {
    stdio: ['ignore', fs.openSync(out, 'w'), 'pipe'],
    encoding: 'utf8',
  });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
  const kb = parseGnuTimeMaxRssKb(r.stderr);
  return { ms: round(ms), rowsPerSec: Math.round(rows / (ms / 1000)), peakRssMb: kb === null ? null : round(kb / 1024, 1), bytes: fs.statSync(out).size };
}

export async function benchExport(db: string, facts: SyntheticFacts, quick: boolean, log: (m: string) => void): Promise<ExportResult> {
  execFileSync('sqlite3', ['--version']);
  const outApp = path.join(DATA_DIR, 'export-app.csv');
  const outShell = path.join(DATA_DIR, 'export-sqlite3.csv');
  const app: ExportRun[] = [];
  const shell: ExportRun[] = [];
  const rounds = quick ? 2 : 3;
  let rows = facts.saleCount;
  // Alternate, so both see the same page cache and the same background load.
  for (let i = 0; i < rounds; i++) {
    const a = runApp(db, outApp);
    rows = a.rows;
    app.push({ ms: a.ms, rowsPerSec: a.rowsPerSec, peakRssMb: a.peakRssMb, bytes: a.bytes });
    log(`  app export: ${a.rows} rows in ${a.ms} ms, peak RSS ${a.peakRssMb} MB`);
    const s = runShell(db, outShell, rows);
    shell.push(s);
    log(`  sqlite3 shell: ${s.ms} ms, peak RSS ${s.peakRssMb} MB`);
  }
  for (const f of [outApp, outShell]) fs.rmSync(f, { force: true });
  await Promise.resolve();
  const appMedianMs = round(median(app.map((r) => r.ms)));
  const sqlite3MedianMs = round(median(shell.map((r) => r.ms)));
  const appPeakRssMb = Math.max(...app.map((r) => r.peakRssMb ?? 0));
  return {
    rows,
    app,
    sqlite3: shell,
    appMedianMs,
    sqlite3MedianMs,
    ratio: round(appMedianMs / sqlite3MedianMs),
    appPeakRssMb,
    passTime: appMedianMs <= EXPORT_RATIO_BUDGET * sqlite3MedianMs,
    passMemory: appPeakRssMb < EXPORT_RSS_BUDGET_MB,
  };
}
