import { createHash } from 'node:crypto';
import { AUDITED_TABLES, changeTriggerNames } from '../core/audit/changeTriggers.js';
import type { WriteDb } from '../core/db/types.js';

/**
 * Test data for the export tests (also used by the killed-export child process): n sinking transactions, some
 * with statuses, plus retirements whose text fields carry what spreadsheets and terminals trip over.
 */
export const NASTY_TEXTS = [
  '=HYPERLINK("http://evil.example","click")',
  '+SUM(A1:A9)',
  '-2+3+cmd|" /C calc"!A0',
  '@SUM(1)',
  '\tleading tab',
  'bell\u0007 nul-free \u001b[31m escape',
  'rtl \u202Eevil\u202C and \u200F marks \u061C',
  'emoji 🌍🌳 ZWJ 👩‍👩‍👧 and é (e\u0301)',
  'line1\r\nline2\nline3',
  'quote " and comma , and semicolon ;',
  '',
];

const hex = (s: string) => createHash('sha256').update(s).digest('hex');
const G = 'GABXJLJDNWRIGCVQPPC2FJ2NORUJBGLNOBYXKW7WQD3CUZS6YTFCS4ZP';

/**
 * The audit change triggers would log each of these rows (and make a 50k-row seed take ~20 s): test databases
 * for exports drop them first, since what is tested here is the export, not the audit trail.
 */
export function withoutChangeLog(db: WriteDb): void {
  for (const name of AUDITED_TABLES.flatMap((t) => changeTriggerNames(t))) db.exec(`DROP TRIGGER IF EXISTS ${name}`);
}

export function seedExportData(db: WriteDb, sinkingTxs: number): void {
  withoutChangeLog(db);
  db.transaction(() => {
    db.prepare(
      "INSERT OR IGNORE INTO vcs_projects VALUES (1360, 'Project 1360', 'Agriculture Forestry and Other Land Use', 'VM0015', 'CCB-Gold', 'Latin America', 'Peru')",
    ).run();
    const tx = db.prepare(
      `INSERT INTO sinking_txs VALUES (@hash, @created_at, NULL, @funder, @recipient, @carbon, 'USDC', @issuer, @src, 'CarbonSINK', @issuer, @carbon7,
       1360, 'text', @memo, @toid)`,
    );
    for (let i = 0; i < sinkingTxs; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      tx.run({
        hash: hex(`tx${i}`),
        created_at: `2024-${String(1 + (i % 12)).padStart(2, '0')}-${day}T12:${String(i % 60).padStart(2, '0')}:00`,
        funder: G,
        recipient: i % 3 === 0 ? G : `G${String(i).padStart(55, 'A')}`,
        carbon: 1000 + i,
        issuer: G,
        src: BigInt(1000 + i) * 10_000n + 7n,
        carbon7: BigInt(1000 + i) * 10_000n,
        memo: NASTY_TEXTS[i % NASTY_TEXTS.length],
        toid: 164821723627237376n + BigInt(i) * 4096n,
      });
    }
    const ret = db.prepare(
      `INSERT INTO retirements VALUES (@id, 5, 'SERIAL-' || @id, '2024-05-01', @text, @text, 1360, '2020-01-01', 'VCU', '2019-01-01', '2019-12-31', 1000)`,
    );
    NASTY_TEXTS.forEach((text, i) => ret.run({ id: 100 + i, text }));
    const status = db.prepare('INSERT INTO sink_status VALUES (?, ?, ?, ?)');
    for (let i = 0; i < Math.min(sinkingTxs, 50); i++) {
      status.run(hex(`tx${i}`), 100 + (i % NASTY_TEXTS.length), 500, i % 2);
      status.run(hex(`tx${i}`), 100 + ((i + 1) % NASTY_TEXTS.length), 250 + i, 0);
    }
  })();
}

/**
 * A few rows with the values an encoder gets wrong: NULLs in every nullable column, amounts past 2^53 minor units,
 * zero amounts, formula-like and quoted text, line breaks, unicode; one minted block and one distribution for the
 * inventory and distribution views. For the export tests that compare the streamed columns with the API rows.
 */
export function seedEdgeRows(db: WriteDb): void {
  withoutChangeLog(db);
  const big = 9_223_372_036_854_775_807n;
  db.transaction(() => {
    db.prepare("INSERT OR IGNORE INTO vcs_projects VALUES (7, '=cmd|\"/C calc\"!A0', 'line\r\nbreak, \"quoted\"', 'VM0007', NULL, 'é 🌍', '\u202Erev')").run();
    const tx = db.prepare('INSERT INTO sinking_txs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    tx.run(hex('edge-big'), '2025-01-01T00:00:00', null, G, G, big, '-USDC', null, big, '@CarbonSINK', G, 0n, 7, 'none', null, big);
    tx.run(hex('edge-text'), '2025-01-02T00:00:00', `C${'A'.repeat(55)}`, G, G, 1n, '+1', G, 9_007_199_254_740_993n, 'X,Y', G, 1n, 7, 'text', '-12.5', 1n);
    tx.run(hex('edge-quote'), '2025-01-03T00:00:00', null, G, G, 0n, 'A"B', G, 0n, 'B', G, 999n, 7, 'text', 'say "hi"\n🌍 \u0000 ok', 2n);
    db.prepare('INSERT INTO sink_status VALUES (?, ?, ?, ?)').run(hex('edge-big'), 100, big, 1);
    db.prepare(
      `INSERT INTO minted_blocks VALUES (?, ?, '2025-01-01T00:00:00', 7, '=SERIAL,"x"', 1, 9007199254740993, 4, '@sub\naccount', '2019-01-01', '2019-12-31', ?)`,
    ).run(hex('edge-block'), hex('edge-block-tx'), big);
    db.prepare("INSERT INTO distribution_txs VALUES (?, '2025-01-01T00:00:00', ?, ?, ?, ?)").run(hex('edge-dist'), G, G, big, big - 1n);
    db.prepare("INSERT INTO distribution_txs VALUES (?, '2025-01-02T00:00:00', ?, ?, 0, 3)").run(hex('edge-dist0'), G, G);
  })();
}
