import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARBON_SCALE, formatDecimal } from '../../domain/amount.js';
import { carbonStats } from '../../views/stats.js';
import { NOW, TX_OLD_OPEN, appWrite, seed, seededEngine } from '../../../testkit/auditTestDb.js';
import { SEP53_PUBLIC, keyFile } from '../../../testkit/signingKeys.js';
import { keyFileStore } from '../../signing/signingKey.js';
import { verifySignature } from '../../signing/verifySignature.js';
import { runOperationSync } from '../operationRunner.js';
import { chainHead, listOperations } from '../queries.js';
import { setMark } from '../reviewMarks.js';
import { gatherAuditReport } from './gather.js';
import { htmlReport, printTemplates } from './htmlReport.js';
import { markdownReport } from './markdownReport.js';
import { REPORT_CSS } from './reportCss.js';
import { Engine } from '../../engine.js';
import { defaultReportDir, runAuditReport } from './writeAuditReport.js';

const DAY = new Date().toISOString().slice(0, 10);
const OTHER = 'G' + 'B'.repeat(55);
const SHA = 'ab'.repeat(32);

/** The seeded world (GRECIPIENT: 3.25 t sunk, 2 t retired) plus a second recipient's sale and two source reads. */
function world() {
  const engine = seededEngine();
  const db = engine.writer();
  appWrite(
    db,
    `INSERT INTO sinking_txs VALUES (?, '2026-11-20T00:00:00', NULL, 'GFUNDER', ?, 1234, 'XLM', NULL, 100000000, 'CarbonSINK', 'GSINK', 12340000, 1360, 'text', 'memo', 164821723627237390)`,
    '5'.repeat(64),
    OTHER,
  );
  runOperationSync(db, { kind: 'bootstrap', params: { source: 'https://data.example/sc' }, sourceUrls: ['https://data.example/sc'], writes: false }, (op) =>
    op.setResult({ source: 'https://data.example/sc', files: [{ table: 'sinking_txs', source: 'https://data.example/sc/sinking_txs.ndjson', sha256: SHA, bytes: 9845, rows: 31, action: 'restored' }], warnings: [] }),
  );
  runOperationSync(db, { kind: 'catch-up', params: {}, sourceUrls: ['https://horizon.example', 'https://verra.example'], writes: false }, (op) => op.setLatestLedger(55_000_001));
  runOperationSync(db, { kind: 'verify', params: {}, writes: false }, () => undefined);
  return engine;
}

describe('gatherAuditReport', () => {
  it('takes the findings from verify, sums exactly per recipient, lists the sources read and pins the head', () => {
    const db = world().reader();
    const d = gatherAuditReport(db, { from: DAY, to: DAY, graceDays: 90, now: NOW });
    expect(d.head).toEqual(chainHead(db));
    expect(d.findings.checks.find((c) => c.id === 'grace-period')).toMatchObject({ status: 'findings', count: 1 });
    expect(d.findings.checks.find((c) => c.id === 'grace-period')!.offenders[0]!.key).toBe(TX_OLD_OPEN);
    expect(d.findings.ok).toBe(true);

    const r = d.reconciliation;
    expect(r.perRecipient.map((x) => [x.recipient, x.sales, x.sunk, x.retired, x.pending])).toEqual([
      ['GRECIPIENT', 4, 3250n, 2000n, 1250n],
      [OTHER, 1, 1234n, 0n, 1234n],
    ]);
    // The same figures as the stats view shows for each recipient, and the totals as for all.
    for (const x of r.perRecipient) {
      const shown = carbonStats(db, x.recipient);
      expect([shown.carbon_sunk, shown.carbon_retired, shown.carbon_pending]).toEqual([x.sunk, x.retired, x.pending].map((v) => formatDecimal(v, CARBON_SCALE)));
    }
    expect(r.totals).toEqual({ sales: 5, sunk: 4484n, retired: 2000n, pending: 2484n });
    expect(r.credits).toEqual({ minted: 10n, retiredFromBlocks: 2n, remaining: 8n });

    expect(d.marks).toEqual([]);
    expect(d.provenance.reads.map((x) => [x.kind, x.sources])).toEqual([
      ['bootstrap', ['https://data.example/sc']],
      ['catch-up', ['https://horizon.example', 'https://verra.example']],
    ]);
    expect(d.provenance.reads[0]!.files).toEqual([{ name: 'https://data.example/sc/sinking_txs.ndjson', sha256: SHA, bytes: 9845, rows: 31 }]);
    expect(d.provenance.reads[1]!.latestLedger).toBe(55_000_001);
    expect(d.operations).toMatchObject({ count: 6, ok: 6, failed: 0 });
  });

  it('shows a fill of a missing sale as a broken identity', () => {
    const engine = world();
    const db = engine.writer();
    db.pragma('foreign_keys = OFF');
    appWrite(db, `INSERT INTO sink_status VALUES (?, 1001, 100, 0)`, '9'.repeat(64));
    const d = gatherAuditReport(db, { from: DAY, to: DAY, graceDays: 90, now: NOW });
    expect(d.reconciliation.totals).toMatchObject({ sunk: 4484n, retired: 2100n, pending: 2484n });
    const md = markdownReport(d, 'appendix');
    expect(md).toContain('- sunk 4.484 t = retired 2.100 t + pending 2.484 t: **NO**');
    expect(md).toContain("- the recipients' figures sum to these totals: **NO**");
  });

  it('lists the review marks with their notes', async () => {
    const engine = world();
    await setMark(engine, { table: 'sinking_txs', key: TX_OLD_OPEN, status: 'questioned', note: 'late | but explained' }, { actor: 'auditor-1' });
    const d = gatherAuditReport(engine.writer(), { from: DAY, to: DAY, graceDays: 90, now: NOW });
    expect(d.marks.map((m) => Object.fromEntries(m.fields))).toEqual([
      { table: 'sinking_txs', key: TX_OLD_OPEN, status: 'questioned', note: 'late | but explained', actor: 'auditor-1', 'marked at': expect.any(String) },
    ]);
    expect(markdownReport(d, 'a')).toContain(`- table: sinking_txs · key: ${TX_OLD_OPEN} · status: questioned · note: late \\| but explained · actor: auditor-1`);
  });
});
