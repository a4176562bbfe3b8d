import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../domain/hash.js';
import { Engine } from '../engine.js';
import { openAuditedDb, seededEngine } from '../../testkit/auditTestDb.js';
import { runOperationSync } from './operationRunner.js';
import { chainHead, listOperations } from './queries.js';
import { runAuditReport } from './auditReport/writeAuditReport.js';
import { commandFor, reproduceScript, runReproduce, shellQuote, stripGlobalOptions } from './reproduce.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sc-report-'));
const today = new Date().toISOString().slice(0, 10);
const noPdf = () => Promise.reject(new Error('no PDF in this test'));

describe('report', () => {
  it("writes the auditor's report, and one Markdown file per day and a summary in its appendix folder", async () => {
    const engine = seededEngine();
    const db = engine.writer();
    try {
      runOperationSync(db, { kind: 'catch-up', params: { sources: ['horizon'] }, note: 'weekly', writes: false }, () => {
        throw new Error('Horizon answered 503 for sinking txs');
      });
    } catch {
      // recorded
    }
    const dir = tmp();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const r = await runAuditReport(engine, { from: yesterday, to: today, outDir: dir }, { renderPdf: noPdf });
    const appendix = `operations-${yesterday}_${today}`;
    expect(r.files.map((f) => path.relative(dir, f.path))).toEqual([
      `audit-report-${yesterday}_${today}.md`,
      path.join(appendix, `audit-${yesterday}.md`),
      path.join(appendix, `audit-${today}.md`),
      path.join(appendix, `audit-summary-${yesterday}_${today}.md`),
    ]);
    for (const f of r.files) expect(f.sha256).toBe(sha256Hex(fs.readFileSync(f.path, 'utf8')));

    const day = fs.readFileSync(path.join(dir, appendix, `audit-${today}.md`), 'utf8');
    expect(day).toContain(`# Audit log — ${today} (UTC)`);
    expect(day).toMatch(/Operations: 3 · ok 2 · failed 1 · cancelled 0 · running 0 · success rate 66\.7 %/);
    expect(day).toMatch(/\| \d\d:\d\d:\d\d \| load \| \S+ \| `\{"step":"seed"\}` \| minted_blocks \+1; retirement_from_block \+1; retirements \+1; sink_status \+2; sinking_txs \+4; vcs_projects \+1 \| \d+ ms \| ok \|/);
    expect(day).toContain('failed: Horizon answered 503 for sinking txs');
    expect(day).toContain('- note: weekly');
    expect(fs.readFileSync(path.join(dir, appendix, `audit-${yesterday}.md`), 'utf8')).toContain('No operations were recorded on this day.');

    const summary = fs.readFileSync(path.join(dir, appendix, `audit-summary-${yesterday}_${today}.md`), 'utf8');
    expect(summary).toContain('| catch-up | 1 | 0 | 1 | 0 | 0.0 % |');
    expect(summary).toContain(`- hash \`${r.head!.hash}\``);
    // The report is itself an operation, with its files' hashes.
    const op = listOperations(db, { kind: 'report' }).rows[0]!;
    expect(JSON.parse(op.result!).outputFiles).toHaveLength(4);
    expect(r.head!.seq).toBeLessThan(chainHead(db)!.seq);
  });

  it('refuses a reversed range', async () => {
    await expect(runAuditReport(new Engine(':memory:'), { from: '2026-02-01', to: '2026-01-01', outDir: tmp() }, { renderPdf: noPdf })).rejects.toThrow(/after --to/);
  });
});

describe('reproduce', () => {
  it('writes a bash script that replays the operations with their original parameters', async () => {
    const engine = new Engine(':memory:');
    const db = engine.writer();
    const command = ['--db', '/data/x.sqlite3', '--actor', 'alice', 'catch-up', '--note', 'old'];
    runOperationSync(db, { kind: 'catch-up', writes: false, command, via: 'cli' }, () => undefined);
    runOperationSync(db, { kind: 'restore', params: { dir: "/backups/it's here", replace: true }, writes: false }, () => undefined);
    runOperationSync(db, { kind: 'verify', params: { graceDays: 30 }, writes: false }, () => undefined);
    try {
      runOperationSync(db, { kind: 'load', params: { step: 'sinking-txs' }, writes: false }, () => {
        throw new Error('rate limited');
      });
    } catch {
      // recorded
    }
    runOperationSync(db, { kind: 'settings-change', params: { horizonUrl: 'x' }, writes: false }, () => undefined);
    const out = path.join(tmp(), 'replay.sh');
    const r = await runReproduce(engine, { from: today, to: today, outFile: out });
    const script = fs.readFileSync(out, 'utf8');
    expect(r.files[0]!.sha256).toBe(sha256Hex(script));
    expect(script.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(script).toContain('set -euo pipefail');
    const ops = listOperations(db, {}).rows.reverse();
    const ids = ops.map((o) => o.id);
    expect(script).toContain(`run catch-up --note 'replay of ${ids[1]}'`);
    expect(script).toContain(`run backup restore '/backups/it'\\''s here' --replace --note 'replay of ${ids[2]}'`);
    expect(script).toContain(`run verify --grace-days 30 --note 'replay of ${ids[3]}'`);
    expect(script).toContain(`run load sinking-txs --note 'replay of ${ids[4]}' || echo "expected: this load originally ended failed" >&2`);
    expect(script).toContain('(no CLI equivalent; parameters: {"horizonUrl":"x"})');
    for (const op of ops.slice(0, 6)) expect(script).toContain(`${op.startedAt} ${op.kind} by ${op.actor}`);
    expect(script).not.toContain('reproduce by'); // its own operation is not replayed
    expect(spawnSync('bash', ['-n', out]).status).toBe(0);
  });

  it('the script runs: each command is called with the database given to the script', () => {
    const dir = tmp();
    const fake = path.join(dir, 'fake-cli.sh');
    fs.writeFileSync(fake, `#!/usr/bin/env bash\necho "$@" >> ${JSON.stringify(path.join(dir, 'calls.txt'))}\n`, { mode: 0o755 });
    const db = openAuditedDb();
    runOperationSync(db, { kind: 'verify', params: { graceDays: 90 }, writes: false }, () => undefined);
    const script = path.join(dir, 'r.sh');
    fs.writeFileSync(script, reproduceScript(listOperations(db, {}).rows.reverse(), { from: today, to: today, head: chainHead(db), generatedAt: 'now' }));
    const res = spawnSync('bash', [script, '/tmp/replay.sqlite3'], { env: { ...process.env, SC_AUDIT_EXPLORER: fake }, encoding: 'utf8' });
    expect(res.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'calls.txt'), 'utf8')).toMatch(/^--db \/tmp\/replay.sqlite3 verify --grace-days 90 --note replay of [0-9a-f-]{36}\n$/);
  });

  it('helpers: quoting, dropping the original global options, commands from kind and params', () => {
    expect(shellQuote('catch-up')).toBe('catch-up');
    expect(shellQuote("a b'c")).toBe(`'a b'\\''c'`);
    expect(stripGlobalOptions(['--db=/x', '--actor', 'a', 'view', 'audit', '--note', 'n', '-f', 'csv'])).toEqual(['view', 'audit', '-f', 'csv']);
    const base = { command: null, params: '{}', kind: 'catch-up' } as unknown as Parameters<typeof commandFor>[0];
    expect(commandFor(base)).toEqual(['catch-up']);
    expect(commandFor({ ...base, kind: 'report', params: '{"from":"2026-01-01","to":"2026-01-02"}' })).toEqual(['report', '--from', '2026-01-01', '--to', '2026-01-02']);
    expect(commandFor({ ...base, kind: 'report', params: '{"from":"2026-01-01","to":"2026-01-02","outDir":"/r","pdf":true}' })).toEqual(['report', '--from', '2026-01-01', '--to', '2026-01-02', '--out', '/r', '--pdf']);
    expect(commandFor({ ...base, kind: 'mystery' })).toBeNull();
  });
});
