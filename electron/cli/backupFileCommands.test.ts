import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../testkit/cliHarness.js';

describe('backup create / apply (CLI)', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-cli-bfile-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('creates a backup, dry-runs and applies it, keeping the previous file aside', () => {
    const db = path.join(tmp, 'live.sqlite3');
    const file = path.join(tmp, 'b.sqlite3');
    const made = runCli(['--db', db, 'backup', 'create', file]);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/^Wrote .*b\.sqlite3 \(\d+ bytes, sha256 [0-9a-f]{64}\)\n$/);

    const dry = runCli(['--db', db, 'backup', 'apply', file, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/integrity ok, schema version \d+/);
    expect(dry.stdout).toMatch(/Dry run: would replace .*live\.sqlite3 and keep the current file as .*live\.sqlite3\.before-\d{8}T\d{6}Z/);
    expect(fs.readdirSync(tmp).some((n) => n.includes('.before-'))).toBe(false);

    const applied = runCli(['--db', db, 'backup', 'apply', file]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/Applied to .*; the previous database is kept as /);
    expect(fs.readdirSync(tmp).filter((n) => n.includes('.before-'))).toHaveLength(1);
  });

  it('refuses a damaged file with one line and a non-zero exit', () => {
    const db = path.join(tmp, 'live2.sqlite3');
    const junk = path.join(tmp, 'junk.sqlite3');
    fs.writeFileSync(junk, 'x'.repeat(5000));
    const r = runCli(['--db', db, 'backup', 'apply', junk]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*junk\.sqlite3.*Nothing was changed\.\n$/);
  });
});
