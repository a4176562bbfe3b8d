import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfPageCount, pdfTitle } from '../../../testkit/pdfPages.js';
import { insertSale, seededEngine } from '../../../testkit/auditTestDb.js';
import { runOperationSync } from '../operationRunner.js';
import { chromiumExecutable, playwrightPdfRenderer } from './pdf.js';
import { runAuditReport } from './writeAuditReport.js';

const chromium = (() => {
  try {
    return chromiumExecutable();
  } catch {
    return null;
  }
})();

describe('chromiumExecutable', () => {
  it('takes CHROMIUM_PATH, else a known install, else none', () => {
    expect(chromiumExecutable({ CHROMIUM_PATH: '/opt/c/chrome' }, (p) => p === '/opt/c/chrome')).toBe('/opt/c/chrome');
    expect(() => chromiumExecutable({ CHROMIUM_PATH: '/nope/chrome' }, () => false)).toThrow(/CHROMIUM_PATH names \/nope\/chrome, which does not exist.*apt install chromium/);
    expect(chromiumExecutable({}, (p) => p === '/usr/bin/chromium')).toBe('/usr/bin/chromium');
    expect(chromiumExecutable({}, () => false)).toBeNull();
  });
});

describe.skipIf(!chromium)(`the PDF printed by Chromium (${chromium ?? 'skipped: no Chromium installed; set CHROMIUM_PATH or apt install chromium'})`, () => {
  it('is an A4 PDF of the report, several pages when the findings are long', async () => {
    const engine = seededEngine();
    const db = engine.writer();
    // 80 old open sales: 80 grace-period findings, 50 of them listed: more than one page.
    runOperationSync(db, { kind: 'load', params: { step: 'old sales' } }, () => {
      for (let i = 0; i < 80; i++) insertSale(db, i.toString(16).padStart(64, 'e'), '2024-05-01T00:00:00', 1000 + i, 164821723627300000n + BigInt(i));
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-audit-pdf-'));
    const day = new Date().toISOString().slice(0, 10);
    const r = await runAuditReport(engine, { from: day, to: day, outDir: dir, pdf: true, graceDays: 90 }, { renderPdf: playwrightPdfRenderer });
    const pdf = r.files.find((f) => f.path.endsWith('.pdf'))!;
    const data = fs.readFileSync(pdf.path);
    expect(data.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfPageCount(data)).toBeGreaterThanOrEqual(2);
    // The document's title names the period and the audit head the report pins.
    expect(pdfTitle(data)).toBe(`Auditor's report ${day} (UTC) · audit head seq ${r.head!.seq} · ${r.head!.hash}`);
    // A4 = 595 × 842 points.
    expect(data.toString('latin1')).toMatch(/\/MediaBox\s*\[\s*0 0 59[45](\.\d+)? 84[12](\.\d+)?\s*\]/);
    expect(pdf.bytes).toBe(data.length);
  });
});
