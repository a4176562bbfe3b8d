import { useState } from 'react';
import type { WrittenFiles } from '../../../shared/api/audit';
import { api } from '../api/client';
import { Hash } from '../components/AddressCell';
import { PathField } from '../components/PathField';
import { ErrorState } from '../components/StatusViews';
import { formatAmount } from '../format/amount';
import { useCall } from '../hooks/useCall';
import { useJob } from '../hooks/useJob';
import { todayUtc } from '../format/time';
import { navigate, useRoute } from '../router';

/** What the job is doing now, in the user's words (steps of 'audit.report'). */
const STEP_TEXT: Record<string, string> = {
  gather: 'Running the checks and gathering the figures…',
  markdown: 'Writing the Markdown report and the day files…',
  pdf: 'Printing the PDF with Chromium…',
  sign: 'Signing the files…',
};

/**
 * The auditor's report for a period: findings, reconciliation, review marks, provenance of the sources read and the
 * audit head, as Markdown and (optionally) PDF, with the day-by-day operation logs in an appendix folder.
 * The period lives in the URL (#/report?from=…&to=…).
 */
export function ReportPage() {
  const { query } = useRoute();
  const today = todayUtc();
  const from = query.get('from') ?? `${today.slice(0, 8)}01`;
  const to = query.get('to') ?? today;
  const [outDir, setOutDir] = useState('');
  const [pdf, setPdf] = useState(true);
  const { busy, result: written, error, run } = useCall<WrittenFiles>();
  const job = useJob('report');
  const step = busy ? (job.progress?.step ?? 'gather') : null;
  const write = () => run(() => job.run((jobId) => api.call('audit.report', { from, to, pdf, jobId, ...(outDir.trim() ? { outDir: outDir.trim() } : {}) })));

  const setPeriod = (next: { from?: string; to?: string }) => navigate('report', { from, to, ...next });
  return (
    <section className="page" aria-labelledby="report-title">
      <div className="page-head">
        <h1 id="report-title">Report</h1>
        <p>The auditor&apos;s report for a period: verify&apos;s findings, sunk = retired + pending per recipient, the review marks, the sources read and the audit head.</p>
      </div>
      <div className="form report-form" data-testid="report-form">
        <label htmlFor="report-from">Period (UTC)</label>
        <div className="control">
          <span className="actions-row">
            <input id="report-from" type="date" value={from} max={to} onChange={(e) => setPeriod({ from: e.target.value })} data-testid="report-from" aria-label="First day" />
            <span>to</span>
            <input type="date" value={to} min={from} onChange={(e) => setPeriod({ to: e.target.value })} data-testid="report-to" aria-label="Last day" />
          </span>
          <span className="note">Whole days, both included. The figures are those of the database at the audit head.</span>
        </div>
        <label htmlFor="report-dir">Folder</label>
        <div className="control">
          <PathField id="report-dir" kind="folder" recent="report" optional title="Choose a folder for the report" value={outDir} onChange={setOutDir} placeholder="leave empty: a reports folder beside the database" testId="report-dir" />
        </div>
        <label htmlFor="report-pdf">PDF</label>
        <div className="control">
          <span className="check">
            <input id="report-pdf" type="checkbox" checked={pdf} onChange={(e) => setPdf(e.target.checked)} data-testid="report-pdf" /> also print the report to PDF (with Chromium)
          </span>
        </div>
        <div className="actions">
          <button type="button" className="primary" onClick={() => void write()} disabled={busy || !from || !to} data-testid="report-write">
            {busy ? 'Writing…' : 'Write report'}
          </button>
          {step && (
            <span className="muted" role="status" data-testid="report-step">
              {STEP_TEXT[step] ?? step}
            </span>
          )}
        </div>
      </div>
      {error && <ErrorState code={error.code} message={error.message} onRetry={() => void write()} />}
      {written && <WrittenList written={written} />}
    </section>
  );
}

function WrittenList({ written }: { written: WrittenFiles }) {
  return (
    <div data-testid="report-written">
      <h2>Written</h2>
      <p>
        Audit head {written.head ? <>seq {written.head.seq} <Hash value={written.head.hash} full /></> : '(empty)'} · operation <span className="mono">{written.operationId}</span>
      </p>
      <table className="mini">
        <thead>
          <tr>
            <th>File</th>
            <th className="num">Bytes</th>
            <th>sha256</th>
          </tr>
        </thead>
        <tbody>
          {written.files.map((f) => (
            <tr key={f.path} data-testid="report-file">
              <td className="mono">{f.path}</td>
              <td className="num">{formatAmount(f.bytes)}</td>
              <td>
                <Hash value={f.sha256} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {written.signatureFiles && written.signatureFiles.length > 0 && (
        <p className="muted small" data-testid="report-signed">
          Signed with the configured key: {written.signatureFiles.length} signature files (FILE.sig.json) beside them.
        </p>
      )}
    </div>
  );
}
