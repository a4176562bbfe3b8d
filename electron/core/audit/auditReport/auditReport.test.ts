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

describe('the report as Markdown and HTML', () => {
  const db = world().reader();
  const d = gatherAuditReport(db, { from: DAY, to: DAY, graceDays: 90, now: NOW });

  it('writes every section in Markdown', () => {
    const md = markdownReport(d, `operations-${DAY}_${DAY}`);
    expect(md).toContain(`# Auditor's report — ${DAY} (UTC)`);
    expect(md).toContain(`- audit head: seq ${d.head!.seq}, hash \`${d.head!.hash}\``);
    expect(md).toContain('- verify passes — 18 of 20 checks pass; findings for the auditor: grace-period (1), contract-calls (1). Grace period 90 days.');
    expect(md).toMatch(/\| Sales older than 90 days are finalized \(`grace-period`\) \| findings \| 1 \|/);
    // The key is in the message: printed once.
    expect(md).toContain(`- \`sinking_txs\` sale ${TX_OLD_OPEN} of 0.250 t`);
    expect(md).toContain('- sunk 4.484 t = retired 2.000 t + pending 2.484 t: yes');
    expect(md).toContain('| `GRECIPIENT` | 4 | 3.250 t | 2.000 t | 1.250 t | yes |');
    expect(md).toContain(`| \`${OTHER}\` | 1 | 1.234 t | 0.000 t | 1.234 t | yes |`);
    expect(md).toContain('| **Total** | 5 | 4.484 t | 2.000 t | 2.484 t | yes |');
    expect(md).toContain('- credits: 10 VCU minted − 2 VCU retired from blocks = 8 VCU remaining: yes');
    expect(md).toContain('No review marks or notes were recorded.');
    expect(md).toContain(`| https://data.example/sc/sinking_txs.ndjson | 31 | 9845 | \`${SHA}\` |`);
    expect(md).toContain('- Horizon latest ledger: 55000001');
    expect(md).toContain(`The operations of each day are listed in the appendix folder \`operations-${DAY}_${DAY}/\`.`);
  });

  it('writes a self-contained HTML page whose CSP allows only its own style', () => {
    const html = htmlReport(d, 'appendix');
    const hash = crypto.createHash('sha256').update(REPORT_CSS).digest('base64');
    expect(html).toContain(`content="default-src 'none'; style-src 'sha256-${hash}'"`);
    expect(html).toContain(`<style>${REPORT_CSS}</style>`);
    expect(html).not.toMatch(/<script|<img|<link|https?:\/\/(?!data\.example|horizon\.example|verra\.example)/);
    expect(html).toContain(d.head!.hash);
    expect(html).toContain('<tr class="total"><td>Total</td><td class="num">5</td><td class="num">4.484 t</td><td class="num">2.000 t</td><td class="num">2.484 t</td>');
    expect(html).toContain('<thead>');
    const { header, footer } = printTemplates(d);
    expect(header).toContain(`audit head seq ${d.head!.seq} · ${d.head!.hash}`);
    expect(header).toContain(DAY);
    expect(footer).toContain('<span class="pageNumber"></span> of <span class="totalPages"></span>');
  });

  it('escapes what the database holds', () => {
    const evil = { ...d, provenance: { ...d.provenance, reads: [{ ...d.provenance.reads[0]!, error: '<script>alert(1)</script>' }] } };
    const html = htmlReport(evil, 'a');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
  });
});

describe('runAuditReport', () => {
  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sc-audit-report-'));

  it('writes to a reports folder beside the database unless told where', () => {
    expect(defaultReportDir(new Engine(path.join('data', 'sc.sqlite3')))).toBe(path.join('data', 'reports'));
    expect(() => defaultReportDir(new Engine(':memory:'))).toThrow(/Name an output folder/);
  });

  it('writes the Markdown before the PDF, and a PDF that cannot be printed fails naming what to install', async () => {
    const engine = world();
    const dir = tmp();
    fs.writeFileSync(path.join(dir, `audit-report-${DAY}_${DAY}.pdf`), '%PDF- of an earlier report');
    const noChromium = () => Promise.reject(new Error('The PDF needs Chromium: install it (e.g. `apt install chromium`).'));
    await expect(runAuditReport(engine, { from: DAY, to: DAY, outDir: dir, pdf: true }, { renderPdf: noChromium })).rejects.toThrow(
      new RegExp(`\\(e\\.g\\. \`apt install chromium\`\\)\\. The Markdown report was written: .*audit-report-${DAY}_${DAY}\\.md`),
    );
    expect(fs.readFileSync(path.join(dir, `audit-report-${DAY}_${DAY}.md`), 'utf8')).toContain("# Auditor's report");
    expect(fs.existsSync(path.join(dir, `audit-report-${DAY}_${DAY}.pdf`))).toBe(false);
    const op = listOperations(engine.reader(), { kind: 'report' }).rows[0]!;
    expect(op.status).toBe('failed');
    expect((JSON.parse(op.result!) as { outputFiles: unknown[] }).outputFiles).toHaveLength(3);
  });

  it('prints the PDF with the renderer it is given, and signs every file when a signing key is configured', async () => {
    const engine = new Engine(':memory:', { signingKeys: keyFileStore(keyFile()) });
    seed(engine.writer());
    const dir = tmp();
    const jobs: { html: string; header: string }[] = [];
    const renderPdf = (job: { html: string; header: string; outFile: string }) => {
      jobs.push(job);
      fs.writeFileSync(job.outFile, '%PDF-1.4 fake');
      return Promise.resolve();
    };
    const r = await runAuditReport(engine, { from: DAY, to: DAY, outDir: dir, pdf: true }, { renderPdf });
    const base = `audit-report-${DAY}_${DAY}`;
    expect(r.files.slice(0, 2).map((f) => path.basename(f.path))).toEqual([`${base}.md`, `${base}.pdf`]);
    expect(jobs[0]!.html).toContain(r.head!.hash);
    expect(jobs[0]!.header).toContain(r.head!.hash);
    expect(r.signatureFiles).toEqual(r.files.map((f) => `${f.path}.sig.json`));
    for (const f of r.files) expect(await verifySignature(engine.reader(), f.path)).toMatchObject({ ok: true, publicKey: SEP53_PUBLIC });
    const op = listOperations(engine.reader(), { kind: 'report' }).rows[0]!;
    expect(JSON.parse(op.result!)).toMatchObject({ signedBy: SEP53_PUBLIC, signatureFiles: r.signatureFiles });
  });
});
