import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_TABLES } from '../core/db/migrations/index.js';
import { SC_DATA_DIR, hasShared } from '../testkit/sharedDir.js';
import { runCli } from '../testkit/cliHarness.js';

describe.skipIf(!hasShared)('backup and schema commands', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-cli-backup-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('restores the published dumps and dumps them back byte for byte', () => {
    const db = path.join(tmp, 'roundtrip.db');
    const restored = runCli(['--db', db, 'backup', 'restore', SC_DATA_DIR]);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('Restored 31 rows into sinking_txs');
    const again = runCli(['--db', db, 'backup', 'restore', SC_DATA_DIR]);
    expect(again.stdout).toContain('Leaving 31 rows of sinking_txs intact');
    const out = path.join(tmp, 'dump');
    const dumped = runCli(['--db', db, 'backup', 'dump', out]);
    expect(dumped.code).toBe(0);
    for (const t of DATA_TABLES) {
      expect(fs.readFileSync(path.join(out, `${t}.ndjson`), 'utf8'), t).toBe(fs.readFileSync(path.join(SC_DATA_DIR, `${t}.ndjson`), 'utf8'));
    }
    const one = path.join(tmp, 'one');
    expect(runCli(['--db', db, 'backup', 'dump', one, '-t', 'vcs_projects', '-t', 'sink_status']).code).toBe(0);
    expect(fs.readdirSync(one).sort()).toEqual(['sink_status.ndjson', 'vcs_projects.ndjson']);
  });

  it('restores selected tables and replaces on request', () => {
    const db = path.join(tmp, 'partial.db');
    const r = runCli(['--db', db, 'backup', 'restore', SC_DATA_DIR, '-t', 'vcs_projects', '-t', 'distribution_txs']);
    expect(r.code).toBe(0);
    // The verify that follows the restore prints its verdict last.
    expect(r.stdout).toMatch(/^Restored 1 rows into vcs_projects\nRestored 29 rows into distribution_txs\nVerify: pass with \d findings\n/);
    expect(r.stdout).toMatch(/finding: 30 bootstrapped rows not confirmed by the sources yet\n/);
    const rep = runCli(['--db', db, 'backup', 'restore', SC_DATA_DIR, '--replace', '-t', 'distribution_txs', '--no-verify']);
    expect(rep.stdout).toBe('Deleted 29 existing rows from distribution_txs; Restored 29 rows into distribution_txs\n');
  });

  it('refuses a tampered dump with one line naming file:line, and writes nothing', () => {
    const dir = path.join(tmp, 'bad');
    fs.mkdirSync(dir);
    fs.copyFileSync(path.join(SC_DATA_DIR, 'vcs_projects.ndjson'), path.join(dir, 'vcs_projects.ndjson'));
    fs.writeFileSync(path.join(dir, 'distribution_txs.ndjson'), '["zz","2021-11-20T18:50:04","G","G",1.0,1]\n');
    const db = path.join(tmp, 'bad.db');
    const r = runCli(['--db', db, 'backup', 'restore', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: distribution_txs\.ndjson:1: column hash: expected a 64-char lowercase hex hash/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const stats = JSON.parse(runCli(['--db', db, 'view', 'stats', '-f', 'json']).stdout) as { carbon_sunk: string };
    expect(stats.carbon_sunk).toBe('0.000');
    expect(runCli(['--db', db, 'backup', 'restore', dir, '-t', 'nope']).code).toBe(2);
  });

  it('shows and upgrades the schema version', () => {
    const db = path.join(tmp, 'schema.db');
    expect(runCli(['--db', db, 'schema', 'current']).stdout).toMatch(/^No database at .* yet/);
    const up = runCli(['--db', db, 'schema', 'upgrade']);
    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(/upgraded schema from 0 \(empty\) to \d+/);
    expect(runCli(['--db', db, 'schema', 'upgrade']).stdout).toMatch(/is the latest; nothing to do/);
    expect(runCli(['--db', db, 'schema', 'current']).stdout).toMatch(/schema version \d+ \(.*\); latest \d+\n$/);
  });
});
