import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangeRow, OperationRow } from '../../shared/api/audit.js';
import { seededDb, tempDbFile, TX1 } from '../testkit/auditTestDb.js';
import { runCliInProcess } from '../testkit/cliHarness.js';

const run = (...args: string[]) => runCliInProcess(args);

function seededFile(): string {
  const file = tempDbFile();
  seededDb(file).close();
  return file;
}

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const cli = (...args: string[]) => spawnSync(TSX, [path.join(ROOT, 'electron', 'cli.ts'), ...args], { encoding: 'utf8', env: { ...process.env, SC_ACTOR: '' } });

describe('audit CLI', () => {
  it('records --actor, --note and the command line with the operation', async () => {
    const file = seededFile();
    await run('--db', file, '--actor', 'auditor-7', '--note', 'quarterly check', 'verify', '--grace-days', '5000');
    const ops = JSON.parse(await run('--db', file, 'view', 'audit', '--kind', 'verify', '-f', 'json')) as OperationRow[];
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({
      actor: 'auditor-7',
      note: 'quarterly check',
      via: 'cli',
      status: 'ok',
      params: '{"graceDays":5000}',
      command: ['--db', file, '--actor', 'auditor-7', '--note', 'quarterly check', 'verify', '--grace-days', '5000'],
    });
  });

  it('view audit filters by kind, actor, status and dates, as table, csv or json', async () => {
    const file = seededFile();
    await run('--db', file, '--actor', 'bob', 'verify');
    const today = new Date().toISOString().slice(0, 10);
    const csv = await run('--db', file, 'view', 'audit', '--actor', 'bob', '--since', today, '--until', today, '-f', 'csv');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('started_at,kind,actor,status,duration_ms,params,result,error,note,id');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/,verify,bob,ok,\d+,"\{""graceDays"":90\}",/);
    const table = await run('--db', file, 'view', 'audit', '--status', 'ok');
    expect(table).toMatch(/^started_at\s+kind\s+actor/);
    expect(table).toContain('schema-change');
    expect(table).toMatch(/\naudit head seq \d+ [0-9a-f]{64}\n$/);
    expect(await run('--db', file, 'view', 'audit', '--until', '2000-01-01', '-f', 'json')).toBe('[]\n');
    expect(JSON.parse(await run('--db', file, 'view', 'audit', '--limit', '1', '-f', 'json'))).toHaveLength(1);
  });

  it('view changes, view history and view usage', async () => {
    const file = seededFile();
    const changes = JSON.parse(await run('--db', file, 'view', 'changes', '--table', 'sinking_txs', '--key', TX1, '-f', 'json')) as ChangeRow[];
    expect(changes.map((c) => c.kind)).toEqual(['insert']);
    const history = await run('--db', file, 'view', 'history', 'sinking_txs', TX1, '-f', 'csv');
    expect(history.split('\r\n')[0]).toBe('seq,changed_at,table,key,kind,operation_id,before,after');
    expect(history).toContain('"{""hash"":""1111');
    await expect(run('--db', file, 'view', 'history', 'sinking_txs', 'nope')).rejects.toThrow(/No recorded changes for sinking_txs nope/);
    const usage = JSON.parse(await run('--db', file, 'view', 'usage', '-f', 'json')) as { perKind: { kind: string }[] };
    expect(usage.perKind.map((k) => k.kind)).toEqual(['load', 'schema-change']);
    expect(await run('--db', file, 'view', 'usage')).toMatch(/total 2 operations, success rate 100\.0 %/);
  });

  it('report and reproduce write their files', async () => {
    const file = seededFile();
    const dir = path.join(path.dirname(file), 'reports');
    const today = new Date().toISOString().slice(0, 10);
    const out = await run('--db', file, 'report', '--from', today, '--to', today, '--out', dir);
    expect(out).toMatch(/audit-report-.*sha256 [0-9a-f]{64}/);
    expect(out).toMatch(/audit-summary-.*sha256 [0-9a-f]{64}/);
    const appendix = `operations-${today}_${today}`;
    expect(fs.readdirSync(dir).sort()).toEqual([`audit-report-${today}_${today}.md`, appendix]);
    expect(fs.readdirSync(path.join(dir, appendix)).sort()).toEqual([`audit-${today}.md`, `audit-summary-${today}_${today}.md`]);
    const script = path.join(dir, 'replay.sh');
    await run('--db', file, 'reproduce', '--from', today, '--to', today, '--out', script);
    expect(fs.readFileSync(script, 'utf8')).toContain(`run report --from ${today} --to ${today} --out ${dir}`);
  });

  it('verify exits 0 on a consistent database and 1 when a check fails, naming the offender', () => {
    const file = seededFile();
    const ok = cli('--db', file, 'verify');
    expect(ok.stdout).toMatch(/verify: OK/);
    expect(ok.status).toBe(0);

    const raw = new Database(file);
    raw.exec('DROP TRIGGER audit_sinking_txs_update');
    raw.prepare('UPDATE sinking_txs SET carbon_amount = 1400 WHERE hash = ?').run(TX1);
    raw.close();
    const bad = cli('--db', file, 'verify');
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(new RegExp(`FAIL  replay: .*\\n\\s+sinking_txs ${TX1}: row differs .*carbon_amount: logged 1500, found 1400`));
    expect(bad.stdout).toMatch(/FAIL {2}triggers: .*\n\s+sinking_txs audit_sinking_txs_update: trigger audit_sinking_txs_update is missing/);
    expect(bad.stderr).toMatch(/error: verify failed: triggers \(1\), replay \(1\), sink-fills \(1\)/);
    const json = cli('--db', file, 'verify', '-f', 'json');
    expect(json.status).toBe(1);
    expect((JSON.parse(json.stdout) as { ok: boolean }).ok).toBe(false);
  });
});
