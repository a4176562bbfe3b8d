import fs from 'node:fs';
import path from 'node:path';
import type { WrittenFiles } from '../../../../shared/api/audit.js';
import { AppError, toApiError } from '../../../../shared/errors.js';
import type { Engine } from '../../engine.js';
import { signatureResult, signFiles } from '../../signing/signFiles.js';
import { writeReports } from '../report.js';
import { gatherAuditReport } from './gather.js';
import { htmlReport, printTemplates } from './htmlReport.js';
import { markdownReport } from './markdownReport.js';
import type { PdfRenderer } from './pdf.js';

/**
 * `report --from D --to D`: the auditor's report for a period, as one recorded operation ('report'):
 *   OUT/audit-report-FROM_TO.md   (+ .pdf when asked)
 *   OUT/operations-FROM_TO/       the appendix: one Markdown file per day of operations and their summary
 * Every file is in the operation's result with its sha256, and signed (FILE.sig.json) when a signing key is configured. A PDF that cannot be printed (no Chromium) fails the
 * operation with a message that says what to install; the Markdown and the appendix are written before it.
 */
export interface AuditReportOptions {
  from: string;
  to: string;
  /** Default: a `reports` folder beside the database file. */
  outDir?: string;
  pdf?: boolean;
  graceDays?: number;
  note?: string;
  via?: string;
  now?: Date;
  signal?: AbortSignal;
  onStep?: (step: 'gather' | 'markdown' | 'pdf' | 'sign') => void;
}

export interface ReportTools {
  renderPdf: PdfRenderer;
}

export const reportBaseName = (from: string, to: string): string => `audit-report-${from}_${to}`;
export const appendixName = (from: string, to: string): string => `operations-${from}_${to}`;

export function defaultReportDir(engine: Engine): string {
  if (engine.dbPath === ':memory:') throw new AppError('BAD_INPUT', 'Name an output folder (outDir): an in-memory database has no folder of its own.');
  return path.join(path.dirname(engine.dbPath), 'reports');
}

export async function runAuditReport(engine: Engine, opts: AuditReportOptions, tools: ReportTools): Promise<WrittenFiles> {
  const outDir = path.resolve(opts.outDir ?? defaultReportDir(engine));
  const params = { from: opts.from, to: opts.to, outDir, pdf: opts.pdf === true };
  // Signed when a signing key is configured (a configured but unusable key fails before anything is written).
  const keypair = await engine.signingKeys.keypair();
  return engine.runOperation({ kind: 'report', params, note: opts.note, via: opts.via, writes: false, signal: opts.signal }, async (op) => {
    const db = engine.reader();
    opts.onStep?.('gather');
    const data = gatherAuditReport(db, { from: opts.from, to: opts.to, graceDays: opts.graceDays, now: opts.now, excludeId: op.id });
    opts.onStep?.('markdown');
    fs.mkdirSync(outDir, { recursive: true });
    const appendix = appendixName(opts.from, opts.to);
    const base = path.join(outDir, reportBaseName(opts.from, opts.to));
    fs.writeFileSync(`${base}.md`, markdownReport(data, appendix));
    const files = [op.recordOutputFile(`${base}.md`)];
    const days = writeReports(db, { from: opts.from, to: opts.to, outDir: path.join(outDir, appendix), now: opts.now, excludeId: op.id });
    const appendixFiles = days.files.map((f) => op.recordOutputFile(f));
    op.setResult({ days: days.files.length - 1, head: data.head, findings: data.findings.checks.filter((c) => c.status !== 'pass').map((c) => ({ check: c.id, count: c.count })) });
    if (opts.pdf) {
      opts.onStep?.('pdf');
      const { header, footer } = printTemplates(data);
      // A PDF of an earlier run must not stand beside this report if this one cannot be printed.
      fs.rmSync(`${base}.pdf`, { force: true });
      try {
        await tools.renderPdf({ html: htmlReport(data, appendix), header, footer, outFile: `${base}.pdf` });
      } catch (err) {
        const e = toApiError(err);
        throw new AppError(e.code, `${e.message.replace(/\.$/, '')}. The Markdown report was written: ${base}.md`);
      }
      files.push(op.recordOutputFile(`${base}.pdf`));
    }
    const written = [...files, ...appendixFiles];
    if (!keypair) return { files: written, head: data.head, operationId: op.id };
    opts.onStep?.('sign');
    const signed = await signFiles(
      written.map((f) => f.path),
      keypair,
      data.head,
    );
    op.setResult(signatureResult(signed));
    return { files: written, head: data.head, operationId: op.id, signatureFiles: signed.map((s) => s.signatureFile) };
  });
}
