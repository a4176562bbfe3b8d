import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReadDb, openWriteDb } from '../core/db/open.js';
import type { ReadDb } from '../core/db/types.js';
import { viewSource } from '../core/export/viewSources.js';
import { type ByteSink, writeExport, writeRows } from '../core/export/writeExport.js';
import { listSinkingTxs } from '../core/views/sinkingTxs.js';
import { generateSyntheticDb } from '../testkit/synthetic/generate.js';
import { runCliCaptured } from '../testkit/cliHarness.js';
import { printView } from './viewOutput.js';
import { collectingSink, commitAtFirstWrite } from '../testkit/collectingSink.js';

/**
 * `view sink -f csv` streams: the view's own query is iterated and written as it goes, so its memory does not grow
 * with the sales (it once loaded all of them: 815 MB for 200k). Asserted without timing: the first rows reach the
 * output while the query has yielded only a batch of its 50k rows.
 */
const SALES = 50_000;
const REPO = path.resolve(__dirname, '..', '..');
const TSX = path.join(REPO, 'node_modules', '.bin', 'tsx');
const sinkSource = viewSource({ view: 'sinkingTxs', format: 'csv', filters: { order: 'desc' } });

const collect = collectingSink;

/** A reader whose statements count the rows `.iterate()` has handed out so far. */
function countingReader(db: ReadDb, seen: { rows: number }): ReadDb {
  return new Proxy(db, {
    get(target, prop) {
      if (prop !== 'prepare') return Reflect.get(target, prop, target) as unknown;
      return (text: string) => {
        const stmt = target.prepare(text);
        const iterate = stmt.iterate.bind(stmt);
        const safe = stmt.safeIntegers.bind(stmt);
        return Object.assign(stmt, {
          safeIntegers: (on?: boolean) => (safe(on), stmt),
          iterate: (...args: unknown[]) =>
            (function* () {
              for (const r of iterate(...args)) {
                seen.rows++;
                yield r;
              }
            })(),
        });
      };
    },
  });
}

describe('view sink -f csv on 50k generated sales', () => {
  let dir: string;
  let file: string;
  let db: ReadDb;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-view-stream-'));
    file = path.join(dir, 'synthetic.sqlite3');
    generateSyntheticDb(file, { sales: SALES, retirements: 2_000, changes: 1_000 });
    db = openReadDb(file);
  });
  afterAll(() => {
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes the first rows before the query has read more than one batch', async () => {
    const seen = { rows: 0 };
    const atWrites: number[] = [];
    const out = collect();
    const sink: ByteSink = { write: (c) => (atWrites.push(seen.rows), out.write(c)) };
    await printView(countingReader(db, seen), 'sinkingTxs', viewSource({ view: 'sinkingTxs', format: 'csv', filters: { order: 'desc' } }), { format: 'csv' }, sink);
    // This thread reads the first half; a worker the second (the split export), which is in the output too.
    expect(seen.rows).toBe(SALES / 2);
    // The header, then batches: the first batch of rows is out while most of the query is still to be read.
    expect(atWrites.length).toBeGreaterThan(10);
    expect(atWrites[1]).toBeLessThanOrEqual(1_000);
    expect(out.text().split('\r\n')).toHaveLength(SALES + 2);
  });

  /** The CLI as a user runs it, in a process of its own; its stdout into `stdout` (a file) when given. */
  function spawnCli(args: string[], stdout?: string) {
    return spawnSync(TSX, [path.join(REPO, 'electron', 'cli.ts'), '--db', file, ...args], {
      cwd: REPO,
      stdio: ['ignore', stdout ? fs.openSync(stdout, 'w') : 'ignore', 'pipe'],
      encoding: 'utf8',
      timeout: 120_000,
    });
  }

  /** What one thread writes (no worker), as the CLI encodes it. */
  async function oneThread(format: 'csv' | 'json'): Promise<string> {
    const out = collect();
    const r = await writeRows(db, 'sinkingTxs', sinkSource, { format, raw: false, pretty: true }, out, { splitMinRows: Infinity });
    expect(r.workerRows).toBe(0);
    return out.text();
  }

  it('prints the same rows as the export and the pages', async () => {
    // Tens of MB: more than a pipe buffer should hold.
    const outFile = path.join(dir, 'sink.csv');
    const run = spawnCli(['view', 'sink', '-f', 'csv'], outFile);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const cli = { stdout: fs.readFileSync(outFile, 'utf8') };
    const exported = collect();
    await writeExport(db, { view: 'sinkingTxs', format: 'csv', filters: { order: 'desc' } }, exported);
    expect(cli.stdout).toBe(exported.text());
    // Two threads (50k rows: the split export) write the one thread's bytes.
    expect(cli.stdout).toBe(await oneThread('csv'));
    // And the rows are the pages' rows, in order (first and a deep page).
    const lines = cli.stdout.split('\r\n');
    const first = listSinkingTxs(db, { limit: 3 });
    expect(lines.slice(1, 4).map((l) => l.split(',')[0])).toEqual(first.rows.map((r) => r.hash));
    const deep = listSinkingTxs(db, { limit: 2, cursor: first.nextCursor ?? undefined });
    expect(lines.slice(4, 6).map((l) => l.split(',')[0])).toEqual(deep.rows.map((r) => r.hash));
  });

  it('splits the export over two threads, to stdout and to --out, in CSV and JSON, with the one thread’s bytes', async () => {
    const run = spawnCli(['view', 'sink', '-f', 'json', '--out', path.join(dir, 'sink.json')]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'sink.json'), 'utf8')).toBe(await oneThread('json'));
    // In this process: the worker's share is visible in the outcome.
    const json = collect();
    const viaStdout = await printView(db, 'sinkingTxs', sinkSource, { format: 'json' }, json);
    expect(viaStdout).toMatchObject({ rows: SALES, workerRows: SALES / 2 });
    expect(json.text()).toBe(await oneThread('json'));
    const captured = await runCliCaptured(['--db', file, 'view', 'sink', '-f', 'json']);
    expect(captured).toEqual({ code: 0, stdout: await oneThread('json'), stderr: '' });
    const csvOut = path.join(dir, 'sink-out.csv');
    expect(await runCliCaptured(['--db', file, 'view', 'sink', '-f', 'csv', '--out', csvOut])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(fs.readFileSync(csvOut, 'utf8')).toBe(await oneThread('csv'));
  });

  it('gives one snapshot’s rows when a commit lands while it prints', async () => {
    const before = await oneThread('csv');
    const w = openWriteDb(file);
    const newest = w.prepare('SELECT hash, memo_value FROM sinking_txs ORDER BY toid DESC LIMIT 1').get() as { hash: string; memo_value: string | null };
    const out = commitAtFirstWrite(() => w.prepare("UPDATE sinking_txs SET memo_value = 'changed meanwhile' WHERE hash = ?").run(newest.hash));
    try {
      const r = await printView(db, 'sinkingTxs', sinkSource, { format: 'csv' }, out);
      expect(r).toMatchObject({ rows: SALES, workerRows: 0 });
    } finally {
      w.prepare('UPDATE sinking_txs SET memo_value = ? WHERE hash = ?').run(newest.memo_value, newest.hash);
      w.close();
    }
    expect(out.committed).toBe(true);
    expect(out.text()).toBe(before);
  });

  it('piped into `head`: what was read is the export’s start, and the CLI exits 0 quietly, its worker and spill file gone', async () => {
    const tmp = fs.mkdtempSync(path.join(dir, 'tmp-'));
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'electron', 'cli.ts'), '--db', file, 'view', 'sink', '-f', 'csv'], {
      cwd: REPO,
      env: { ...process.env, TMPDIR: tmp },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    // Like `head -c 200000`: read a few chunks, then close the pipe while the CLI is still writing.
    let head = Buffer.alloc(0);
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        head = Buffer.concat([head, d]);
        if (head.length >= 200_000) {
          child.stdout.destroy();
          resolve();
        }
      });
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect((await oneThread('csv')).startsWith(head.toString('utf8'))).toBe(true);
    expect(fs.readdirSync(tmp).filter((f) => f.startsWith('.sc-export-'))).toEqual([]);
  });
});
