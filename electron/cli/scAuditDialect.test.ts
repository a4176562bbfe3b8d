import { Command, InvalidArgumentError } from 'commander';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncResult } from '../../shared/api/sync.js';
import { Engine } from '../core/engine.js';
import { seedExportData } from '../testkit/exportSeed.js';
import { formatOption, parseBoolArg, parseDayArg } from './cliArgs.js';
import { runCliCaptured } from '../testkit/cliHarness.js';
import { loadedLines } from './syncCommands.js';

/**
 * sc-audit's CLI dialect (its click types), so scripts written for sc-audit run unchanged: `-f df`, click's boolean
 * spellings, `%Y-%m-%d` dates as Python's strptime reads them, and sc-audit's "Loaded N …" wording. Bad spellings
 * (exit 2, the option named) are in badInput.test.ts.
 */

describe('dates as strptime(s, "%Y-%m-%d") reads them', () => {
  // Each expectation is what Python 3's datetime.strptime gave for the same text.
  it.each([
    ['2024-01-05', '2024-01-05'],
    ['2024-1-5', '2024-01-05'],
    ['2024-1-31', '2024-01-31'],
    ['2024-12-9', '2024-12-09'],
    ['2024-02-29', '2024-02-29'],
    ['2024-01- 5', '2024-01-05'], // strptime's %d takes a leading space
    ['0001-01-01', '0001-01-01'],
    ['٢٠٢٤-1-5', '2024-01-05'], // like Python's \d, %Y takes any decimal digit
    ['2024-01-1٥', '2024-01-15'],
  ])('%j is %s', (input, day) => expect(parseDayArg(input)).toBe(day));

  it.each([
    '2023-02-29', // not a leap year
    '2024-02-30',
    '2024-4-31',
    '2024-13-01',
    '2024-00-01',
    '2024-01-0',
    '2024-01-32',
    '0000-01-01', // year 0 is out of range
    '24-01-05',
    '12024-01-05',
    '2024-001-05',
    '2024-01-005',
    '2024- 1-05', // a space before the month is not taken
    ' 2024-01-05',
    '2024-01-05 ',
    '2024-01-05\n',
    '2024/01/05',
    '+2024-01-05',
    '2024-01-05T00:00:00',
    '',
  ])('%j is refused', (input) => expect(() => parseDayArg(input)).toThrow(InvalidArgumentError));
});

describe("click's boolean spellings", () => {
  const spellings: [string, boolean][] = [
    ['true', true],
    ['false', false],
    ['1', true],
    ['0', false],
    ['yes', true],
    ['no', false],
    ['y', true],
    ['n', false],
    ['on', true],
    ['off', false],
    ['t', true],
    ['f', false],
  ];
  it.each(spellings)('%s, in any case', (spelling, value) => {
    for (const s of [spelling, spelling.toUpperCase(), spelling[0]?.toUpperCase() + spelling.slice(1)]) expect(parseBoolArg(s), s).toBe(value);
  });
  it('strips surrounding white space, as click does', () => {
    expect(parseBoolArg(' yes ')).toBe(true);
    expect(parseBoolArg('\tOFF\n')).toBe(false);
  });
  it.each(['maybe', '', ' ', '2', '-1', 'tru', 'yess', 'enabled', 'null', 'constructor', '__proto__', 'toString', 'y es'])('%j is refused', (s) =>
    expect(() => parseBoolArg(s)).toThrow(/expected a boolean: true\/false, 1\/0, yes\/no, y\/n, on\/off or t\/f/),
  );
});

describe('-f df', () => {
  const parse = (formats: Parameters<typeof formatOption>[0], ...args: string[]) =>
    new Command().exitOverride().configureOutput({ writeErr: () => {} }).addOption(formatOption(formats)).parse(args, { from: 'user' }).opts<{ format: string }>().format;

  it('is the table format; every format is taken in any case, as sc-audit (click.Choice, case_sensitive=False)', () => {
    expect(parse(undefined, '-f', 'df')).toBe('table');
    expect(parse(undefined, '-f', 'DF')).toBe('table');
    expect(parse(undefined, '--format=df')).toBe('table');
    expect(parse(undefined, '-f', 'CSV')).toBe('csv');
    expect(parse(undefined, '-f', 'Json')).toBe('json');
    expect(parse(undefined)).toBe('table');
    expect(parse(['table', 'json'], '-f', 'df')).toBe('table'); // verify
    expect(() => parse(['table', 'json'], '-f', 'csv')).toThrow(/Allowed choices are table, json, df/);
    expect(() => parse(undefined, '-f', 'dataframe')).toThrow(/Allowed choices are table, csv, json, df/);
  });
});

describe("catch-up and load lines in sc-audit's words", () => {
  const result = (contractCalls: SyncResult['contractCalls'], steps: SyncResult['counts']): SyncResult => ({
    counts: steps,
    latestLedger: null,
    bootstrap: null,
    bootstrapError: null,
    historyGaps: [],
    contractCalls,
    verify: null,
  });
  const all = (n: number): SyncResult['counts'] => [
    { step: 'impact-projects', loaded: n },
    { step: 'distribution-txs', loaded: n },
    { step: 'sinking-txs', loaded: n },
    { step: 'sink-contract-calls', loaded: n },
    { step: 'retirements', loaded: n },
    { step: 'minted-blocks', loaded: n },
    { step: 'retirement-from-block', loaded: n },
    { step: 'sink-statuses', loaded: n },
  ];

  it('names each step as sc-audit does, in our step order (retirements before minted blocks)', () => {
    expect(loadedLines(result('obsrvr', all(2))).split('\n')).toEqual([
      'Loaded 2 impact projects',
      'Loaded 2 distribution outflows',
      'Loaded 2 sinking transactions',
      'Loaded 2 sink invocations',
      'Loaded 2 retirements',
      'Loaded 2 minted blocks',
      'Loaded 2 retirement-from-block associations',
      'Loaded 2 sink status associations',
      '',
    ]);
  });

  it('says "sink events" for Mercury, and one line saying the step was skipped when no indexer is set', () => {
    expect(loadedLines(result('mercury', [{ step: 'sink-contract-calls', loaded: 3 }]))).toBe('Loaded 3 sink events\n');
    expect(loadedLines(result(null, all(0)))).not.toMatch(/sink (invocations|events)/);
    expect(loadedLines(result(null, [{ step: 'sink-contract-calls', loaded: 0 }]))).toBe('Skipped sink contract calls: neither SC_OBSRVR_FLOW_DB_URI nor SC_MERCURY_KEY is set\n');
  });
});

describe('the sc-audit spellings on a command line', () => {
  let dir: string;
  let db: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-dialect-'));
    db = path.join(dir, 'db.sqlite3');
    const engine = new Engine(db);
    seedExportData(engine.writer(), 10); // sales on 2024-01-01, 2024-02-02, … 2024-10-10; retirements on 2024-05-01
    engine.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Runs the CLI in-process; resolves with stdout, failing on a non-zero exit. */
  async function cli(...args: string[]): Promise<string> {
    const r = await runCliCaptured(['--db', db, ...args]);
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r.stdout;
  }
  const rows = async (...args: string[]) => JSON.parse(await cli(...args, '-f', 'json')) as { hash?: string }[];

  it('-f df prints exactly the table', { timeout: 20_000 }, async () => {
    for (const view of [['view', 'sink'], ['view', 'retirements'], ['view', 'inventory'], ['view', 'stats'], ['view', 'analytics'], ['view', 'usage']]) {
      const table = await cli(...view);
      expect(table.length, view.join(' ')).toBeGreaterThan(0);
      expect(await cli(...view, '-f', 'df'), view.join(' ')).toBe(table);
      expect(await cli(...view, '-f', 'DF'), view.join(' ')).toBe(table);
    }
    expect(await cli('view', 'sink', '-f', 'CSV')).toBe(await cli('view', 'sink', '-f', 'csv'));
  });

  it('dates like 2024-3-3 are read as 2024-03-03 before the query sees them', { timeout: 20_000 }, async () => {
    const from = await rows('view', 'sink', '--from-date', '2024-03-03');
    expect(from).toHaveLength(8);
    expect(await rows('view', 'sink', '--from-date', '2024-3-3')).toEqual(from);
    expect(await rows('view', 'sink', '--before-date', '2024-3-3')).toHaveLength(2);
    expect(await rows('view', 'sink', '--before-date', '2024-3- 3')).toHaveLength(2);
    const retired = await rows('view', 'retirements', '--before-date', '2024-05-02');
    expect(retired.length).toBeGreaterThan(0);
    expect(await rows('view', 'retirements', '--before-date', '2024-5-2')).toEqual(retired);
    expect(await rows('view', 'retirements', '--from-date', '2024-5-2')).toEqual([]);
    expect(await cli('view', 'inventory', '--until-date', '2024-5-1')).toBe(await cli('view', 'inventory', '--until-date', '2024-05-01'));
  });

  it("--finalized and --contract-call take click's spellings", { timeout: 20_000 }, async () => {
    const finalized = await rows('view', 'sink', '--finalized', 'true');
    const open = await rows('view', 'sink', '--finalized', 'false');
    expect(finalized.length + open.length).toBe(10);
    expect(finalized.length).toBeGreaterThan(0);
    for (const yes of ['1', 'Yes', 'y', 'ON', 't', 'True']) expect(await rows('view', 'sink', '--finalized', yes), yes).toEqual(finalized);
    for (const no of ['0', 'NO', 'n', 'off', 'F', 'FALSE']) expect(await rows('view', 'sink', '--finalized', no), no).toEqual(open);
    expect(await rows('view', 'sink', '--contract-call', 'no')).toEqual(await rows('view', 'sink', '--contract-call', 'false'));
    expect(await rows('view', 'sink', '--contract-call', 'Y')).toEqual(await rows('view', 'sink', '--contract-call', 'true'));
  });
});
