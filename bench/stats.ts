import fs from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';

/** Timing helpers: median and p95 (nearest rank) over repeated runs, after warm-up runs that are not counted. */
export interface Timing {
  runs: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

export function summarize(samples: number[]): Timing {
  const s = [...samples].sort((a, b) => a - b);
  return { runs: s.length, medianMs: round(percentile(s, 50)), p95Ms: round(percentile(s, 95)), maxMs: round(s[s.length - 1] ?? NaN) };
}

/**
 * Runs `fn` `warmup` times uncounted, then `runs` times timed; a slow query gets fewer runs (at least 5) so one
 * over-budget case cannot hold the whole benchmark for minutes. The count used is reported.
 */
export function timeSync(fn: () => unknown, runs: number, warmup = 2, maxTotalMs = 4000): Timing {
  let slowest = 0;
  for (let i = 0; i < warmup; i++) {
    const t = performance.now();
    fn();
    slowest = Math.max(slowest, performance.now() - t);
  }
  const n = slowest > 0 ? Math.max(5, Math.min(runs, Math.floor(maxTotalMs / slowest))) : runs;
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return summarize(samples);
}

export const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

export interface Machine {
  cpus: number;
  cpuModel: string;
  ramGiB: number;
  node: string;
  sqliteCli: string | null;
  betterSqlite3Sqlite: string;
  platform: string;
  loadAverageAtStart: number[];
}

export function machine(sqliteVersion: string): Machine {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  let cli: string | null = null;
  try {
    cli = execFileSync('sqlite3', ['--version'], { encoding: 'utf8' }).trim().split(' ')[0] ?? null;
  } catch {
    cli = null;
  }
  let nproc = os.cpus().length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    /* os.cpus() it is */
  }
  return {
    cpus: nproc,
    cpuModel: model.trim(),
    ramGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    sqliteCli: cli,
    betterSqlite3Sqlite: sqliteVersion,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((x) => round(x)),
  };
}

/** Peak resident set of a finished child, from GNU time's "Maximum resident set size (kbytes)". */
export function parseGnuTimeMaxRssKb(stderr: string): number | null {
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  return m ? Number(m[1]) : null;
}

/** CPU time (user + system) of a finished child, from GNU time's "User time (seconds)" and "System time (seconds)". */
export function parseGnuTimeCpuMs(stderr: string): number | null {
  const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr);
  return user && sys ? Math.round((Number(user[1]) + Number(sys[1])) * 1000) : null;
}
