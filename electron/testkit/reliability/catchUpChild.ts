/**
 * Test helper run as a separate process (crash and concurrency tests): a full catch-up (runSync: sync lock, job,
 * operation log) of the database argv[2] against the sources named by the SC_* env variables, printing one line
 * per progress update ("progress <step> <state> <done>"), then "done <json>" or "error <code> <message>".
 *
 * Kill points for the tests, chosen by env:
 *   SC_TEST_PAUSE_AFTER=<step>     block right after that step committed (between steps)
 *   SC_TEST_BLOCK_IN=<table>:<n>   block inside the step's transaction, after the n-th row inserted into <table>
 *                                  (a temporary trigger on this connection only: mid-commit, nothing is committed)
 *   SC_TEST_BLOCK_MS=<ms>          how long to block (default 120 s: until killed); then the run goes on
 *   SC_TEST_RELEASE_FILE=<path>    instead: block until this file exists
 * A blocked child prints "paused" / "in-commit" and waits to be killed.
 */
import fs from 'node:fs';
import { toApiError } from '../../../shared/errors.js';
import { Engine } from '../../core/engine.js';
import { runSync } from '../../core/sync/runSync.js';

const say = (line: string) => fs.writeSync(1, `${line}\n`);
const block = (what: string) => {
  say(what);
  const cell = new Int32Array(new SharedArrayBuffer(4));
  const release = process.env.SC_TEST_RELEASE_FILE;
  if (!release) return void Atomics.wait(cell, 0, 0, Number(process.env.SC_TEST_BLOCK_MS ?? 120_000));
  // Blocked (synchronously, inside the transaction) until the test creates the release file.
  const end = Date.now() + 120_000;
  while (!fs.existsSync(release) && Date.now() < end) Atomics.wait(cell, 0, 0, 20);
};

const engine = new Engine(process.argv[2] as string);
const blockIn = process.env.SC_TEST_BLOCK_IN;
if (blockIn) {
  const [table, nth] = blockIn.split(':') as [string, string];
  const db = engine.writer();
  let rows = 0;
  db.function('sc_test_crash_hook', () => {
    if (++rows === Number(nth)) block('in-commit');
    return null;
  });
  if (!/^[a-z_]+$/.test(table)) throw new Error(`bad table ${table}`);
  db.exec(`CREATE TEMP TRIGGER sc_test_crash_hook AFTER INSERT ON main.${table} BEGIN SELECT sc_test_crash_hook(); END`);
}
const pauseAfter = process.env.SC_TEST_PAUSE_AFTER;

runSync(engine, {
  fresh: true,
  via: 'test',
  actor: 'crash-child',
  // SC_TEST_IN_WORKER=1: plain-data HTTP options, so the steps run in the sync worker thread as in the app;
  // otherwise in this thread (needed by the kill points above, which hook this thread's connection and progress).
  http: process.env.SC_TEST_IN_WORKER === '1' ? { timeoutMs: 60_000 } : { timeoutMs: 60_000, sleep: () => Promise.resolve() },
  onProgress: (p) => {
    say(`progress ${p.step} ${p.state} ${p.done}`);
    if (p.state === 'done' && p.step === pauseAfter) block('paused');
  },
}).then(
  (r) => {
    say(`done ${JSON.stringify(r)}`);
    engine.close();
  },
  (err: unknown) => {
    const e = toApiError(err);
    say(`error ${e.code} ${e.message}`);
    engine.close();
    process.exitCode = 1;
  },
);
