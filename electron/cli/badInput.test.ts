import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../core/engine.js';
import { seedExportData } from '../testkit/exportSeed.js';
import { dataSnapshot } from '../testkit/reliability/dbSnapshot.js';
import { runCliCaptured } from '../testkit/cliHarness.js';

/**
 * Bad command lines, run in-process (the same program the `sc-audit-explorer` bin runs): each is refused with a
 * non-zero exit and a first stderr line that names the option or value, and nothing is written to the database.
 */
const BAD_CHECKSUM = 'GAVF6ZB7Z7FKCWM5HEY2OV4ENPK3OSSHMFTVR4HHSBFHKW36U3FUH2CC';

const CASES: { args: string[]; says: RegExp; code?: number }[] = [
  { args: ['view', 'sink', '--from-date', '2023-02-29'], says: /--from-date .*'2023-02-29' is invalid.*real date/ },
  { args: ['view', 'sink', '--before-date', '2023-13-01'], says: /--before-date .*invalid/ },
  { args: ['view', 'sink', '--funder', BAD_CHECKSUM], says: /--funder .*invalid.*checksum/ },
  { args: ['view', 'sink', '--recipient', 'not-an-address'], says: /--recipient .*invalid/ },
  { args: ['view', 'sink', '--limit', '0'], says: /--limit .*'0' is invalid/ },
  { args: ['view', 'sink', '--limit', '-5'], says: /--limit|unknown option '-5'/ },
  { args: ['view', 'sink', '--finalized', 'maybe'], says: /--finalized .*'maybe' is invalid.*true\/false, 1\/0, yes\/no, y\/n, on\/off or t\/f/ },
  { args: ['view', 'sink', '--sort', 'hash; DROP TABLE sinking_txs'], says: /unknown option '--sort'/ },
  // sc-audit's spellings (click's booleans, strptime's %Y-%m-%d, -f df) are taken; anything else is refused.
  { args: ['view', 'sink', '--contract-call', '2'], says: /--contract-call .*'2' is invalid.*true\/false, 1\/0, yes\/no, y\/n, on\/off or t\/f/ },
  { args: ['view', 'sink', '--finalized', ''], says: /--finalized .*'' is invalid.*expected a boolean/ },
  { args: ['view', 'sink', '--finalized', 'enabled'], says: /--finalized .*'enabled' is invalid.*expected a boolean/ },
  { args: ['view', 'sink', '--from-date', '2024-2-30'], says: /--from-date .*'2024-2-30' is invalid.*real date/ },
  { args: ['view', 'sink', '--before-date', '2024-1-32'], says: /--before-date .*'2024-1-32' is invalid.*real date/ },
  { args: ['view', 'retirements', '--from-date', '24-1-5'], says: /--from-date .*'24-1-5' is invalid.*real date/ },
  { args: ['view', 'retirements', '--before-date', '2024-001-05'], says: /--before-date .*invalid.*real date/ },
  { args: ['view', 'inventory', '--until-date', ' 2024-01-05'], says: /--until-date .*' 2024-01-05' is invalid.*real date/ },
  { args: ['view', 'sink', '-f', 'dataframe'], says: /'dataframe' is invalid.*Allowed choices are table, csv, json, df/ },
  { args: ['verify', '-f', 'csv'], says: /'csv' is invalid.*Allowed choices are table, json, df/ },
  { args: ['report', '--from', '2024-1-5', '--to', '2024-13-1'], says: /--to .*'2024-13-1' is invalid.*real date/ },
  { args: ['view', 'retirements', '--project', '1e3'], says: /--project .*invalid/ },
  { args: ['view', 'stats', '-f', 'xml'], says: /'xml' is invalid.*Allowed choices are table, csv, json/ },
  { args: ['view', 'audit', '--since', '2023-02-30'], says: /--since .*invalid.*real day/ },
  { args: ['view', 'audit', '--until', '2023-01-01T25:00'], says: /--until .*invalid/ },
  { args: ['view', 'audit', '--limit', 'ten'], says: /--limit .*invalid/ },
  { args: ['report', '--from', '2023-02-30', '--to', '2023-03-01'], says: /--from .*invalid.*real date/ },
  { args: ['load', 'everything'], says: /value 'everything' is invalid for argument 'target'\. Allowed choices are impact-projects/ },
  { args: ['catch-up', '--force'], says: /unknown option '--force'/ },
  // Relative paths are resolved against the working folder, as any CLI does; these name the real problem instead.
  { args: ['backup', 'create', '/no/such/folder/b.sqlite3'], says: /^error: backup: the folder \/no\/such\/folder does not exist\.$/, code: 1 },
  { args: ['backup', 'apply', '/no/such/folder/b.sqlite3'], says: /^error: backup apply: no file \/no\/such\/folder\/b\.sqlite3\.$/, code: 1 },
  { args: ['backup', 'apply', '--dry-run', '/'], says: /^error: backup apply: no file \/\.$/, code: 1 },
];

describe('CLI: bad flags and arguments', () => {
  let dir: string;
  let db: string;
  let before: ReturnType<typeof dataSnapshot>;
  const operations = () => {
    const raw = new Database(db, { readonly: true });
    try {
      return (raw.prepare('SELECT count(*) AS n FROM audit_operation_events').get() as { n: number }).n;
    } finally {
      raw.close();
    }
  };
  let opsBefore = 0;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-badinput-'));
    db = path.join(dir, 'db.sqlite3');
    const engine = new Engine(db);
    seedExportData(engine.writer(), 10);
    before = dataSnapshot(engine.reader());
    engine.close();
    opsBefore = operations();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each(CASES)('$args', { timeout: 20_000 }, async ({ args, says, code: expected = 2 }) => {
    const { code, stdout: out, stderr: err } = await runCliCaptured(['--db', db, ...args]);
    expect(code, err).toBe(expected);
    expect(err.split('\n')[0]).toMatch(says);
    expect(out).toBe('');
    expect(fs.readdirSync(dir).filter((n) => !n.startsWith('db.sqlite3'))).toEqual([]);
    const engine = new Engine(db);
    try {
      expect(dataSnapshot(engine.reader())).toEqual(before);
    } finally {
      engine.close();
    }
    expect(operations()).toBe(opsBefore);
  });
});
