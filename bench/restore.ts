import fs from 'node:fs';
import path from 'node:path';
import { checkChain, checkReplay } from '../electron/core/audit/verifyTrail.js';
import { openReadDb } from '../electron/core/db/open.js';
import { dumpDatabase } from '../electron/core/dump/writeDump.js';
import { restoreDumpFolder } from '../electron/core/dump/restoreOperation.js';
import { Engine } from '../electron/core/engine.js';
import { generateSyntheticDb } from '../electron/testkit/synthetic/generate.js';
import { DATA_DIR } from './data.js';

/**
 * Restore (and bootstrap) throughput, issue 13: `npx tsx bench/restore.ts [sales] [runs]` dumps a synthetic
 * database of `sales` sales (default 200k; made once under bench/data/) and restores the dumps into a new database
 * as the CLI's `backup restore` does (one recorded operation, change log on), `runs` times. Prints the wall time of
 * each restore and whether verify's chain and replay checks pass on the result.
 */
async function main(): Promise<void> {
  const sales = Number(process.argv[2] ?? 200_000);
  const runs = Number(process.argv[3] ?? 2);
  const dumps = path.join(DATA_DIR, `restore-${sales}`);
  if (!fs.existsSync(path.join(dumps, 'sink_status.ndjson'))) {
    const source = path.join(DATA_DIR, `restore-${sales}.sqlite3`);
    for (const s of ['', '-wal', '-shm']) fs.rmSync(source + s, { force: true });
    console.log(`generating ${sales} sales and dumping them to ${dumps}…`);
    generateSyntheticDb(source, { sales, retirements: Math.floor(sales / 10), changes: 0 });
    const db = openReadDb(source);
    dumpDatabase(db, dumps);
    db.close();
    for (const s of ['', '-wal', '-shm']) fs.rmSync(source + s, { force: true });
  }
  const rows = fs.readdirSync(dumps).reduce((n, f) => n + fs.readFileSync(path.join(dumps, f), 'utf8').split('\n').length - 1, 0);
  const file = path.join(DATA_DIR, 'restore.sqlite3');
  for (let run = 1; run <= runs; run++) {
    for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
    const engine = new Engine(file);
    engine.writer();
    const t0 = performance.now();
    await restoreDumpFolder(engine, dumps, { via: 'bench' });
    const ms = performance.now() - t0;
    const db = engine.writer();
    const ok = checkChain(db).status === 'pass' && checkReplay(db).status === 'pass';
    console.log(`run ${run}: restored ${rows} rows (${sales} sales) in ${(ms / 1000).toFixed(1)} s = ${Math.round(rows / (ms / 1000))} rows/s; chain and replay ${ok ? 'pass' : 'FAIL'}`);
    engine.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
