import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hasShared, SC_DATA_DIR } from '../testkit/sharedDir.js';
import { worldFromScData } from '../testkit/fakeWorld/fromScData.js';
import { startFakeScData } from '../testkit/fakeScData/index.js';
import { elderLedgerKeeping, prunedWorld } from '../testkit/fakeWorld/index.js';
import { reportCliError } from './errors.js';
import { CliWorld } from '../testkit/cliWorld.js';
import { openReadDb } from '../core/db/open.js';

describe.skipIf(!hasShared)('catch-up and load commands', () => {
  const w = new CliWorld();
  beforeEach(() => w.start(worldFromScData(SC_DATA_DIR), 'sc-sync-cli-'));
  afterEach(() => w.close());
  const cli = (...args: string[]) => w.cli(...args);

  it("prints one line per step in sc-audit's words (in our step order), and loads nothing the second time", async () => {
    expect(await cli('catch-up', '--fresh')).toBe(
      [
        'Started catch-up from data sources...',
        'Loaded 1 impact projects',
        'Loaded 29 distribution outflows',
        'Loaded 31 sinking transactions',
        'Skipped sink contract calls: neither SC_OBSRVR_FLOW_DB_URI nor SC_MERCURY_KEY is set',
        'Loaded 17 retirements',
        'Loaded 9 minted blocks',
        'Loaded 17 retirement-from-block associations',
        'Loaded 24 sink status associations',
        // The verify that follows, last; the exit status stays the catch-up's.
        'Verify: pass with 2 findings',
        '  finding: 8 sales past the 90-day grace period (0.932 t not retired)',
        '  finding: contract-call sales are not being loaded: neither SC_OBSRVR_FLOW_DB_URI nor SC_MERCURY_KEY is set',
        '',
      ].join('\n'),
    );
    expect(await cli('catch-up', '--fresh', '--no-verify')).not.toMatch(/Verify/);
    // sc-audit's `load` commands print their "Loaded" lines only.
    expect(await cli('load', 'sinking-txs')).toBe('Loaded 0 sinking transactions\n');
    expect(await cli('load', 'distribution-txs')).toBe('Loaded 0 distribution outflows\n');
    expect(await cli('load', 'associations')).toBe('Loaded 0 retirement-from-block associations\nLoaded 0 sink status associations\n');
  });

  it('bootstrap prints a line per file (sha256, rows) on stderr and stdout; catch-up then loads nothing new', async () => {
    const scData = await startFakeScData(SC_DATA_DIR);
    const err = captureStderr();
    try {
      const out = await cli('bootstrap', '--from', scData.url);
      expect(out).toMatch(/^sinking_txs\.ndjson: 31 rows, [\d,]+ bytes, sha256 [0-9a-f]{64} \(restored\)$/m);
      expect(out).toMatch(/^Restored 128 rows into 7 tables from http:\/\/127\.0\.0\.1:\d+\/stellarcarbon\/sc-data\/main\/sc-audit$/m);
      expect(err.text().match(/^bootstrap: \w+\.ndjson: \d+ rows/gm)).toHaveLength(7);
      expect(await cli('catch-up')).toMatch(/^Started catch-up from data sources\.\.\.\nLoaded 0 impact projects\n(?:.*\n)*Loaded 0 sinking transactions$/m);
    } finally {
      err.restore();
      await scData.close();
    }
  });

  it('catch-up --fresh on a Horizon without the old history fails naming the ledgers (exit 1), and writes no sale', async () => {
    w.server.world = prunedWorld(w.server.world, elderLedgerKeeping(w.server.world, 365), 'clamp');
    const failure = await cli('catch-up', '--fresh').then(() => null, (e: unknown) => e);
    expect(reportCliErrorQuietly(failure)).toBe(1);
    expect(String((failure as Error).message)).toMatch(/keeps history only from ledger \d+.*published data.*full-history Horizon/);
    const db = openReadDb(w.dbPath);
    expect(db.prepare('SELECT count(*) FROM sinking_txs').pluck().get()).toBe(0);
    db.close();
  });
});

function captureStderr(): { text: () => string; restore: () => void } {
  let text = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  });
  return { text: () => text, restore: () => spy.mockRestore() };
}

/** The exit code the CLI gives an error, without its line on stderr. */
function reportCliErrorQuietly(err: unknown): number {
  const e = captureStderr();
  try {
    return reportCliError(err);
  } finally {
    e.restore();
  }
}
