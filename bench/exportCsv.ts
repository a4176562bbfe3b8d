import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SyntheticFacts } from '../electron/testkit/synthetic/generate.js';
import { DATA_DIR } from './data.js';
import { type NodeBuild, nodeBuild } from './nodeBuild.js';
import { parseGnuTimeCpuMs, parseGnuTimeMaxRssKb, round } from './stats.js';

/**
 * Item 3: CSV export of every sinking tx (the app's export.toFile, in a child process so its peak RSS is its own;
 * and the CLI's `view sink -f csv` into a file, the whole process timed), both from the compiled node build as they
 * ship (nodeBuild.ts), against the sqlite3 shell writing the same
 * columns (amounts as the same decimal text, statuses as the same JSON list) from the same database.
 * Budget, for the app and for the CLI: time ≤ 1.5 × shell time, peak RSS < 200 MB.
 */
export const EXPORT_RATIO_BUDGET = 1.5;
export const EXPORT_RSS_BUDGET_MB = 200;

export interface ExportRun {
  ms: number;
  /** CPU time (user + system): on a loaded machine a steadier yardstick than the wall time. */
  cpuMs?: number | null;
  rowsPerSec: number;
  peakRssMb: number | null;
  bytes: number;
  /** The 1-minute load average right after the run (absent in older results). */
  load?: number;
}

export interface ExportResult {
  rows: number;
  app: ExportRun[];
  /** Absent in results written before the CLI was benched. */
  cli?: ExportRun[];
  sqlite3: ExportRun[];
  appMedianMs: number;
  cliMedianMs?: number;
  sqlite3MedianMs: number;
  ratio: number;
  cliRatio?: number;
  appPeakRssMb: number;
  cliPeakRssMb?: number;
  passTime: boolean;
  passMemory: boolean;
  cliPassTime?: boolean;
  cliPassMemory?: boolean;
  /** When this section ran, and the 1/5/15-minute load average then (a run of `--only export` keeps the rest's). */
  ranAt?: string;
  loadAtStart?: number[];
  /** Medians of the CPU times (user + system), app / shell and CLI / shell: steadier than the wall times under load. */
  cpuRatio?: number | null;
  cliCpuRatio?: number | null;
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

const load1 = () => round(os.loadavg()[0] as number);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

function runApp(build: NodeBuild, db: string, out: string): ExportRun & { rows: number } {
  fs.rmSync(out, { force: true });
  const r = spawnSync(process.execPath, [build.exportChild, db, out], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`export child failed: ${r.stderr}`);
  const line = r.stdout.trim().split('\n').pop() as string;
  const j = JSON.parse(line) as { exportMs: number; exportCpuMs: number; rows: number; bytes: number; maxRssKb: number };
  return { ms: round(j.exportMs), cpuMs: Math.round(j.exportCpuMs), rows: j.rows, bytes: j.bytes, rowsPerSec: Math.round(j.rows / (j.exportMs / 1000)), peakRssMb: round(j.maxRssKb / 1024, 1) };
}

/** A whole process writing its stdout to `out`, timed from spawn to exit, its peak RSS by GNU time. */
function runTimed(command: string[], out: string, rows: number, what: string): ExportRun {
  fs.rmSync(out, { force: true });
  const fd = fs.openSync(out, 'w');
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', ...command], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', maxBuffer: 1 << 24 });
  const ms = performance.now() - t;
  fs.closeSync(fd);
  if (r.status !== 0) throw new Error(`${what} failed: ${r.stderr}`);
  const kb = parseGnuTimeMaxRssKb(r.stderr);
  return { ms: round(ms), cpuMs: parseGnuTimeCpuMs(r.stderr), rowsPerSec: Math.round(rows / (ms / 1000)), peakRssMb: kb === null ? null : round(kb / 1024, 1), bytes: fs.statSync(out).size };
}

// -readonly so the bench never writes to the database.
const runShell = (db: string, out: string, rows: number) => runTimed(['sqlite3', '-readonly', '-csv', '-header', db, SHELL_SQL], out, rows, 'sqlite3');

/** The CLI as a user runs it (`sc-audit-explorer --db DB view sink -f csv > file`): the package's bin, compiled (nodeBuild.ts). */
function runCli(build: NodeBuild, db: string, out: string, rows: number): ExportRun {
  return runTimed([process.execPath, build.cli, '--db', db, 'view', 'sink', '-f', 'csv'], out, rows, 'the CLI');
}

export async function benchExport(db: string, facts: SyntheticFacts, quick: boolean, log: (m: string) => void): Promise<ExportResult> {
  execFileSync('sqlite3', ['--version']);
  const ranAt = new Date().toISOString();
  const loadAtStart = os.loadavg().map((x) => round(x));
  const build = nodeBuild(log);
  const outApp = path.join(DATA_DIR, 'export-app.csv');
  const outShell = path.join(DATA_DIR, 'export-sqlite3.csv');
  const outCli = path.join(DATA_DIR, 'export-cli.csv');
  const app: ExportRun[] = [];
  const cli: ExportRun[] = [];
  const shell: ExportRun[] = [];
  const rounds = quick ? 2 : 3;
  let rows = facts.saleCount;
  // Alternate, so both see the same page cache and the same background load.
  for (let i = 0; i < rounds; i++) {
    const a = runApp(build, db, outApp);
    rows = a.rows;
    app.push({ ms: a.ms, cpuMs: a.cpuMs, rowsPerSec: a.rowsPerSec, peakRssMb: a.peakRssMb, bytes: a.bytes, load: load1() });
    log(`  app export: ${a.rows} rows in ${a.ms} ms (CPU ${a.cpuMs} ms), peak RSS ${a.peakRssMb} MB, load ${load1()}`);
    const c = runCli(build, db, outCli, rows);
    cli.push({ ...c, load: load1() });
    log(`  CLI view sink -f csv: ${c.ms} ms (CPU ${c.cpuMs} ms), peak RSS ${c.peakRssMb} MB, load ${load1()}`);
    const s = runShell(db, outShell, rows);
    shell.push({ ...s, load: load1() });
    log(`  sqlite3 shell: ${s.ms} ms (CPU ${s.cpuMs} ms), peak RSS ${s.peakRssMb} MB, load ${load1()}`);
  }
  for (const f of [outApp, outCli, outShell]) fs.rmSync(f, { force: true });
  await Promise.resolve();
  const appMedianMs = round(median(app.map((r) => r.ms)));
  const sqlite3MedianMs = round(median(shell.map((r) => r.ms)));
  const cliMedianMs = round(median(cli.map((r) => r.ms)));
  const appPeakRssMb = Math.max(...app.map((r) => r.peakRssMb ?? 0));
  const cliPeakRssMb = Math.max(...cli.map((r) => r.peakRssMb ?? 0));
  const cpu = (runs: ExportRun[]) => (runs.every((r) => typeof r.cpuMs === 'number') ? median(runs.map((r) => r.cpuMs as number)) : null);
  const shellCpu = cpu(shell);
  const cpuRatio = (runs: ExportRun[]) => {
    const c = cpu(runs);
    return c === null || !shellCpu ? null : round(c / shellCpu);
  };
  return {
    ranAt,
    loadAtStart,
    rows,
    app,
    cli,
    sqlite3: shell,
    appMedianMs,
    cliMedianMs,
    sqlite3MedianMs,
    ratio: round(appMedianMs / sqlite3MedianMs),
    cliRatio: round(cliMedianMs / sqlite3MedianMs),
    appPeakRssMb,
    cliPeakRssMb,
    passTime: appMedianMs <= EXPORT_RATIO_BUDGET * sqlite3MedianMs,
    passMemory: appPeakRssMb < EXPORT_RSS_BUDGET_MB,
    cliPassTime: cliMedianMs <= EXPORT_RATIO_BUDGET * sqlite3MedianMs,
    cliPassMemory: cliPeakRssMb < EXPORT_RSS_BUDGET_MB,
    cpuRatio: cpuRatio(app),
    cliCpuRatio: cpuRatio(cli),
  };
}
