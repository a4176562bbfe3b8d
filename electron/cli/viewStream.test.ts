import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReadDb } from '../core/db/open.js';
import type { ReadDb } from '../core/db/types.js';
import { viewSource } from '../core/export/viewSources.js';
import { type ByteSink, writeExport } from '../core/export/writeExport.js';
import { listSinkingTxs } from '../core/views/sinkingTxs.js';
import { generateSyntheticDb } from '../testkit/synthetic/generate.js';
import { printView } from './viewOutput.js';

/**
 * `view sink -f csv` streams: the view's own query is iterated and written as it goes, so its memory does not grow
 * with the sales (it once loaded all of them: 815 MB for 200k). Asserted without timing: the first rows reach the
 * output while the query has yielded only a batch of its 50k rows.
 */
const SALES = 50_000;

function collect(): ByteSink & { text(): string } {
  const chunks: Buffer[] = [];
  return { write: (c) => (chunks.push(c), Promise.resolve()), text: () => Buffer.concat(chunks).toString('utf8') };
}

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
    expect(seen.rows).toBe(SALES);
    // The header, then batches: the first batch of rows is out while most of the query is still to be read.
    expect(atWrites.length).toBeGreaterThan(10);
    expect(atWrites[1]).toBeLessThanOrEqual(1_000);
    expect(out.text().split('\r\n')).toHaveLength(SALES + 2);
  });

  it('prints the same rows as the export and the pages', async () => {
    // The CLI as a user runs it, its output into a file (tens of MB: more than a pipe buffer should hold).
    const outFile = path.join(dir, 'sink.csv');
    const repo = path.resolve(__dirname, '..', '..');
    const run = spawnSync(path.join(repo, 'node_modules', '.bin', 'tsx'), [path.join(repo, 'electron', 'cli.ts'), '--db', file, 'view', 'sink', '-f', 'csv'], {
      cwd: repo,
      stdio: ['ignore', fs.openSync(outFile, 'w'), 'pipe'],
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const cli = { stdout: fs.readFileSync(outFile, 'utf8') };
    const exported = collect();
    await writeExport(db, { view: 'sinkingTxs', format: 'csv', filters: { order: 'desc' } }, exported);
    expect(cli.stdout).toBe(exported.text());
    // And the rows are the pages' rows, in order (first and a deep page).
    const lines = cli.stdout.split('\r\n');
    const first = listSinkingTxs(db, { limit: 3 });
    expect(lines.slice(1, 4).map((l) => l.split(',')[0])).toEqual(first.rows.map((r) => r.hash));
    const deep = listSinkingTxs(db, { limit: 2, cursor: first.nextCursor ?? undefined });
    expect(lines.slice(4, 6).map((l) => l.split(',')[0])).toEqual(deep.rows.map((r) => r.hash));
  });
});
