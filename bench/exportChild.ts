/**
 * Child process of bench/exportCsv.ts (compiled with the node build, nodeBuild.ts): exports every sinking tx of the
 * database argv[2] to the CSV file argv[3]
 * through the app's own export.toFile path, then prints one JSON line with its timings and peak RSS.
 */
import { Engine } from '../electron/core/engine.js';
import { exportToFile } from '../electron/core/export/exportToFile.js';

async function main(): Promise<void> {
  const [db, out] = process.argv.slice(2) as [string, string];
  const t0 = performance.now();
  const engine = new Engine(db);
  engine.reader();
  const openMs = performance.now() - t0;
  const t1 = performance.now();
  const cpu = process.cpuUsage();
  const r = await exportToFile(engine, { view: 'sinkingTxs', format: 'csv', filters: { order: 'desc' }, path: out });
  const used = process.cpuUsage(cpu);
  const exportMs = performance.now() - t1;
  engine.close();
  const exportCpuMs = (used.user + used.system) / 1000;
  process.stdout.write(`${JSON.stringify({ openMs, exportMs, exportCpuMs, rows: r.rows, bytes: r.bytes, maxRssKb: process.resourceUsage().maxRSS })}\n`);
}

void main();
