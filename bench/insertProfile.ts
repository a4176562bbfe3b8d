import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SOURCE_CONFIG } from '../electron/core/config.js';
import { openWriteDb } from '../electron/core/db/open.js';
import { distributionTxRow, sinkingTxRow } from '../electron/core/sync/horizonRows.js';
import { insertRows } from '../electron/core/sync/insert.js';
import { VCS_1360 } from '../electron/core/sync/steps/impactProjects.js';
import type { PaymentRecord } from '../electron/core/sources/horizon.js';
import { salesWorld } from './catchUpWorld.js';

/**
 * The insert path of the bench's catch-up commit alone (issue 13): `npx tsx bench/insertProfile.ts [sales] [dir]`
 * loads `sales` distribution rows, then times the sinking-txs transaction (insertRows, as the step runs it) on the
 * same rows the fake Horizon serves, in a new database under `dir` (default: the OS temp folder). Prints wall and
 * CPU time of that transaction, commit included. Run it under `node --cpu-prof` to see where the time goes.
 */
const sales = Number(process.argv[2] ?? 50_000);
const dir = process.argv[3] ?? os.tmpdir();
const file = path.join(dir, 'insert-profile.sqlite3');
for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
const world = salesWorld(sales);
const { sinkIssuer, carbonDistributor } = DEFAULT_SOURCE_CONFIG;
const pay = world.horizon.payments as Record<string, PaymentRecord[]>;
const sinking = (pay[sinkIssuer] ?? []).map((r) => sinkingTxRow(r, world.horizon.operations[r.transaction_hash] ?? []));
const distribution = (pay[carbonDistributor] ?? []).map((r) => distributionTxRow(r));
const db = openWriteDb(file);
// Experiments only: SC_PROFILE_DROP='trigger:sale_memo_insert,index:idx_ac_time', SC_PROFILE_CACHE_KIB=65536.
for (const what of (process.env.SC_PROFILE_DROP ?? '').split(',').filter(Boolean)) {
  const [kind, name] = what.split(':');
  db.exec(`DROP ${kind === 'index' ? 'INDEX' : 'TRIGGER'} ${name}`);
}
if (process.env.SC_PROFILE_CACHE_KIB) db.pragma(`cache_size = -${process.env.SC_PROFILE_CACHE_KIB}`);
if (process.env.SC_PROFILE_TEMP_MEMORY) db.pragma('temp_store = MEMORY');
db.transaction(() => insertRows(db, 'vcs_projects', [VCS_1360]))();
db.transaction(() => insertRows(db, 'distribution_txs', distribution))();
// SC_PROFILE_GATE=file: wait until `file` exists (attach a profiler to the printed pid first).
const gate = process.env.SC_PROFILE_GATE;
if (gate) {
  console.log(`pid ${process.pid} waiting for ${gate}`);
  while (!fs.existsSync(gate)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
}
const cpu0 = process.cpuUsage();
const t0 = performance.now();
db.transaction(() => insertRows(db, 'sinking_txs', sinking))();
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
console.log(
  `${sales} sales: ${ms.toFixed(0)} ms wall = ${Math.round(sales / (ms / 1000))} rows/s; CPU ${cpuMs.toFixed(0)} ms ` +
    `(user ${(cpu.user / 1000).toFixed(0)}, system ${(cpu.system / 1000).toFixed(0)}) = ${((cpuMs * 1000) / sales).toFixed(1)} µs a sale`,
);
db.close();
for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
