import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SC_DATA_DIR, hasShared } from '../testkit/sharedDir.js';
import { runCli } from '../testkit/cliHarness.js';

describe.skipIf(!hasShared)('view commands on the restored sc-data', () => {
  let tmp: string;
  let db: string;
  const cli = (...args: string[]) => runCli(['--db', db, ...args]);

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-cli-view-'));
    db = path.join(tmp, 'audit.db');
    const r = cli('backup', 'restore', SC_DATA_DIR);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('view stats -f json gives the headline figures', () => {
    const r = cli('view', 'stats', '-f', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ carbon_sunk: '31.932', carbon_retired: '31.000', carbon_pending: '0.932', carbon_stored: 202 });
    const one = JSON.parse(cli('view', 'stats', '-f', 'json', '--recipient', 'GAVF6ZB7Z7FKCWM5HEY2OV4ENPK3OSSHMFTVR4HHSBFHKW36U3FUH2CB').stdout) as Record<string, string>;
    expect(one).toEqual({ carbon_sunk: '1.000', carbon_retired: '1.000', carbon_pending: '0.000' });
  });

  it('view sink prints every row, exact amounts and string toids, with filters and --limit', () => {
    const all = JSON.parse(cli('view', 'sink', '-f', 'json').stdout) as { toid: string; carbon_amount: string; statuses: unknown[] }[];
    expect(all).toHaveLength(31);
    expect(all[30]).toMatchObject({ toid: '164821723627237383', carbon_amount: '1.000', source_asset_amount: '2236.6785284' });
    const yes = JSON.parse(cli('view', 'sink', '-f', 'json', '--finalized', 'true').stdout) as unknown[];
    const no = JSON.parse(cli('view', 'sink', '-f', 'json', '--finalized', 'false').stdout) as unknown[];
    expect(yes.length + no.length).toBe(31);
    expect(JSON.parse(cli('view', 'sink', '-f', 'json', '--limit', '2').stdout)).toHaveLength(2);
    const csv = cli('view', 'sink', '-f', 'csv', '--before-date', '2021-11-21').stdout.split('\r\n');
    expect(csv[0]?.startsWith('hash,created_at,contract_id,funder,recipient,carbon_amount,')).toBe(true);
    expect(csv).toHaveLength(3); // header, one row, trailing empty
  });

  it('view inventory, retirements and analytics', () => {
    const inv = JSON.parse(cli('view', 'inventory', '-f', 'json').stdout) as { credits_remaining: number }[];
    expect(inv.reduce((n, r) => n + r.credits_remaining, 0)).toBe(171);
    const asOf = JSON.parse(cli('view', 'inventory', '-f', 'json', '--until-date', '2021-12-31', '--omit-empty').stdout) as Record<string, unknown>[];
    expect(asOf[0]).toHaveProperty('credits_remaining_on_date');
    const rets = JSON.parse(cli('view', 'retirements', '-f', 'json', '--from-date', '2025-01-01').stdout) as { certificate_id: number }[];
    expect(rets.length).toBeGreaterThan(0);
    expect(rets.map((r) => r.certificate_id)).toEqual([...rets.map((r) => r.certificate_id)].sort((a, b) => b - a));
    const table = cli('view', 'analytics');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^year\s+mau\s+yoy_mau/);
    expect(table.stdout).toMatch(/\[5 rows x 9 columns\]\n$/);
  });

  it('rejects bad flags with one line on stderr and exit code 2, before opening the database', () => {
    const missing = path.join(tmp, 'never-created.db');
    for (const args of [
      ['view', 'sink', '--from-date', '2023-02-29'],
      ['view', 'sink', '--funder', 'GAVF6ZB7Z7FKCWM5HEY2OV4ENPK3OSSHMFTVR4HHSBFHKW36U3FUH2CC'],
      ['view', 'sink', '--finalized', 'maybe'],
      ['view', 'sink', '--limit', '0'],
      ['view', 'retirements', '--project', 'x'],
      ['view', 'inventory', '--until-date', '31-12-2021'],
      ['view', 'stats', '-f', 'xml'],
    ]) {
      const r = runCli(['--db', missing, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
    expect(fs.existsSync(missing)).toBe(false);
  });
});
