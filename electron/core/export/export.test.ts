import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRequest, type ExportRequest } from '../../../shared/api/export.js';
import { listChanges, listOperations } from '../audit/queries.js';
import { Engine } from '../engine.js';
import { listDistributionTxs } from '../views/distributionTxs.js';
import { viewInventory } from '../views/inventory.js';
import { listRetirements } from '../views/retirements.js';
import { listSinkingTxs } from '../views/sinkingTxs.js';
import { NASTY_TEXTS, seedExportData } from '../../testkit/exportSeed.js';
import { exportToFile } from './exportToFile.js';
import { neutraliseFormula } from './format.js';
import { writeExport } from './writeExport.js';

const ROWS = 50_000;
let dir: string;
let engine: Engine;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-export-'));
  engine = new Engine(path.join(dir, 'db.sqlite3'));
  seedExportData(engine.writer(), ROWS);
});
afterAll(() => {
  engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** RFC 4180 parser for the checks (quoted fields may hold commas, quotes, CR and LF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

function req(view: string, format: 'csv' | 'json', filters: Record<string, unknown> = {}): ExportRequest {
  return exportRequest.parse({ view, format, filters });
}

describe('export', () => {
  it('streams 50k rows with flat memory, and the JSON equals the view query', async () => {
    const file = path.join(dir, 'sinks.json');
    const fh = await fs.promises.open(file, 'w');
    // Measure what stays reachable (after a full GC), not garbage waiting to be collected.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
    const base = process.memoryUsage().heapUsed;
    const retained: number[] = [];
    const out = await writeExport(engine.reader(), req('sinkingTxs', 'json'), { write: async (b) => void (await fh.write(b)) }, {
      onProgress: () => {
        gc();
        retained.push(process.memoryUsage().heapUsed - base);
      },
    });
    await fh.close();
    const peak = Math.max(...retained);
    if (process.env.SC_DEBUG) console.log(`export retained heap: peak ${(peak / 1e6).toFixed(1)} MB over ${retained.length} samples`);
    // Flat: as much retained after 50k rows as after 1k (one batch), and far below the rows themselves.
    expect(peak).toBeLessThan(8 * 1024 * 1024);
    expect((retained.at(-1) ?? 0) - (retained[0] ?? 0)).toBeLessThan(4 * 1024 * 1024);
    expect(out.rows).toBe(ROWS);
    expect(out.sha256).toBe(sha(file));
    // All 50k rows as objects take well over 50 MB; the stream holds one batch of 1000.

    gc();
    const before = process.memoryUsage().heapUsed;
    const view = listSinkingTxs(engine.reader(), { limit: null }).rows;
    gc();
    if (process.env.SC_DEBUG) console.log(`the same rows loaded at once: ${((process.memoryUsage().heapUsed - before) / 1e6).toFixed(1)} MB`);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(view);
    expect(view.filter((r) => r.statuses.length === 2)).toHaveLength(50);
  });

  it('applies the view filters and order, for every view, in both formats', async () => {
    const cases: [string, Record<string, unknown>, () => unknown[]][] = [
      ['sinkingTxs', { finalized: false, order: 'asc', fromDate: '2024-03-01', beforeDate: '2024-04-01' }, () =>
        listSinkingTxs(engine.reader(), { finalized: false, order: 'asc', fromDate: '2024-03-01', beforeDate: '2024-04-01', limit: null }).rows],
      ['sinkingTxs', { finalized: true }, () => listSinkingTxs(engine.reader(), { finalized: true, limit: null }).rows],
      ['retirements', { beneficiary: '=HYP', order: 'asc' }, () => listRetirements(engine.reader(), { beneficiary: '=HYP', order: 'asc', limit: null }).rows],
      ['retirements', {}, () => listRetirements(engine.reader(), { limit: null }).rows],
      ['distributionTxs', {}, () => listDistributionTxs(engine.reader(), { limit: null }).rows],
      ['inventory', { omitEmpty: true }, () => viewInventory(engine.reader(), { omitEmpty: true }).rows],
    ];
    for (const [view, filters, expected] of cases) {
      const file = path.join(dir, `${view}.json`);
      const r = await exportToFile(engine, { ...req(view, 'json', filters), path: file } as never, { via: 'test' });
      const rows = expected();
      expect(JSON.parse(fs.readFileSync(file, 'utf8')), `${view} ${JSON.stringify(filters)}`).toEqual(rows);
      expect(r.rows).toBe(rows.length);
    }
    const csv = path.join(dir, 'sinks-filtered.csv');
    const r = await exportToFile(engine, { ...req('sinkingTxs', 'csv', { finalized: true }), path: csv } as never);
    const parsed = parseCsv(fs.readFileSync(csv, 'utf8'));
    const view = listSinkingTxs(engine.reader(), { finalized: true, limit: null }).rows;
    expect(parsed.length).toBe(view.length + 1);
    expect(parsed.slice(1).map((cells) => cells[0])).toEqual(view.map((v) => v.hash));
    expect(parsed[1]?.[16]).toBe(JSON.stringify(view[0]?.statuses));
    expect(r.rows).toBe(view.length);
  });

  it('neutralises formulas in CSV and keeps control chars, RTL marks and emoji exactly', async () => {
    const csv = path.join(dir, 'ret.csv');
    const json = path.join(dir, 'ret.json');
    await exportToFile(engine, { ...req('retirements', 'csv', { order: 'asc' }), path: csv } as never);
    await exportToFile(engine, { ...req('retirements', 'json', { order: 'asc' }), path: json } as never);
    const text = fs.readFileSync(csv, 'utf8');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    const rows = parseCsv(text);
    const header = rows[0] as string[];
    const col = header.indexOf('retirement_beneficiary');
    expect(rows.slice(1).map((r) => r[col])).toEqual(NASTY_TEXTS.map(neutraliseFormula));
    for (const cell of rows.slice(1).map((r) => r[col] as string)) expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
    // JSON keeps every string exactly (control chars escaped by JSON, emoji and marks as UTF-8).
    const fromJson = (JSON.parse(fs.readFileSync(json, 'utf8')) as { retirement_beneficiary: string }[]).map((r) => r.retirement_beneficiary);
    expect(fromJson).toEqual(NASTY_TEXTS);
    expect(fs.readFileSync(json, 'utf8')).toContain('👩‍👩‍👧');
    expect(fs.readFileSync(json, 'utf8')).toContain('\u202E');
  });

  it('records the export in the operation log with row count and sha256', async () => {
    const file = path.join(dir, 'dist.csv');
    const r = await exportToFile(engine, { ...req('distributionTxs', 'csv'), path: file, note: 'for the auditor' } as never, { via: 'test', actor: 'alice' });
    expect(r.sha256).toBe(sha(file));
    const op = listOperations(engine.reader(), { kind: 'export' }).rows.find((o) => o.id === r.operationId);
    expect(op).toMatchObject({ status: 'ok', actor: 'alice', note: 'for the auditor' });
    expect(JSON.parse(op?.result ?? '{}')).toMatchObject({ rows: r.rows, sha256: r.sha256, bytes: r.bytes, outputFiles: [{ path: file, sha256: r.sha256 }] });
    expect(JSON.parse(op?.params ?? '{}')).toMatchObject({ view: 'distributionTxs', format: 'csv', path: file });
  });

  it('a cancelled export leaves nothing behind and is logged as cancelled', async () => {
    const file = path.join(dir, 'cancelled.csv');
    const off = engine.events.on('job.progress', (p) => {
      if (p.kind === 'export' && p.done > 0) engine.jobs.cancel(p.jobId);
    });
    await expect(exportToFile(engine, { ...req('sinkingTxs', 'csv'), path: file, jobId: 'cancel-me-1' } as never)).rejects.toMatchObject({ code: 'CANCELLED' });
    off();
    expect(fs.readdirSync(dir).filter((n) => n.includes('cancelled.csv'))).toEqual([]);
    expect(listOperations(engine.reader(), { kind: 'export' }).rows[0]).toMatchObject({ status: 'cancelled' });
    expect(engine.jobs.list()[0]).toMatchObject({ jobId: 'cancel-me-1', state: 'cancelled' });
  });

  it('a killed export leaves no file under the target name (and the next export clears its leftover)', async () => {
    const file = path.join(dir, 'killed.csv');
    fs.writeFileSync(file, 'previous export\r\n');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', '..', 'testkit', 'exportChild.ts'), engine.dbPath, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('writing') && resolve());
      child.once('exit', (code) => reject(new Error(`child exited early (${code}): ${stderr}`)));
    });
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    const leftovers = fs.readdirSync(dir).filter((n) => n.startsWith('.killed.csv.partial-'));
    expect(leftovers).toHaveLength(1);
    expect(fs.statSync(path.join(dir, leftovers[0] as string)).size).toBeGreaterThan(0);
    // The target still holds the previous file, untouched.
    expect(fs.readFileSync(file, 'utf8')).toBe('previous export\r\n');

    await exportToFile(engine, { ...req('retirements', 'csv'), path: file } as never);
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('.killed.csv.partial-'))).toEqual([]);
    expect(fs.readFileSync(file, 'utf8').startsWith('certificate_id,')).toBe(true);
  });

  it('exports the audit trail (operations, changes) as its tables show it', async () => {
    const audited = new Engine(path.join(dir, 'audited.sqlite3'));
    try {
      audited.writer().prepare("INSERT INTO vcs_projects VALUES (1, 'a', 'c', 'p', NULL, 'r', 'x'), (2, '=1+1', 'c', 'p', NULL, 'r', 'x')").run();
      await exportToFile(audited, { ...req('retirements', 'csv'), path: path.join(dir, 'r0.csv') } as never);
      for (const [view, filters, expected] of [
        ['operations', {}, () => listOperations(audited.reader(), { limit: 10_000 }).rows],
        ['operations', { kind: 'export' }, () => listOperations(audited.reader(), { kind: 'export', limit: 10_000 }).rows],
        ['changes', { table: 'vcs_projects' }, () => listChanges(audited.reader(), { table: 'vcs_projects', limit: 10_000 }).rows],
      ] as const) {
        const file = path.join(dir, `${view}.json`);
        await exportToFile(audited, { ...req(view, 'json', filters), path: file } as never);
        const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as { id?: string; status?: string }[];
        // The export's own operation was running while it read the log; it has finished since.
        const rows = expected().map((r) => ('status' in r && exported.some((e) => e.id === r.id && e.status === 'running') ? { ...r, status: 'running', finishedAt: null, durationMs: null, result: null } : r));
        expect(exported, `${view} ${JSON.stringify(filters)}`).toEqual(rows);
        expect(exported.length).toBeGreaterThan(0);
      }
      const csv = path.join(dir, 'changes.csv');
      await exportToFile(audited, { ...req('changes', 'csv'), path: csv } as never);
      expect(fs.readFileSync(csv, 'utf8').split('\r\n')[0]).toBe('seq,operationId,table,key,kind,before,after,changedAt,hash');
    } finally {
      audited.close();
    }
  });

  it('refuses a relative path or a missing folder before doing any work', async () => {
    await expect(exportToFile(engine, { ...req('retirements', 'csv'), path: 'rel.csv' } as never)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    for (const f of [engine.dbPath, `${engine.dbPath}-wal`]) {
      await expect(exportToFile(engine, { ...req('retirements', 'csv'), path: f } as never)).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/database in use/) });
    }
    await expect(exportToFile(engine, { ...req('retirements', 'csv'), path: path.join(dir, 'no', 'x.csv') } as never)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
