import crypto from 'node:crypto';
import { recipientsSumToTotals } from './reconciliation.js';
import { REPORT_CSS } from './reportCss.js';
import * as say from './reportText.js';
import { OFFENDERS_IN_REPORT } from './markdownReport.js';
import { type AuditReportData, recipientIdentityHolds } from './types.js';

/**
 * The auditor's report as one self-contained HTML page for printing to PDF: inline CSS only (its hash is the only
 * style the page's CSP allows; no script, no image, no request), and the PDF header/footer templates.
 */
export function esc(text: string | number | bigint): string {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const badge = (status: string): string => `<span class="badge ${esc(status)}">${esc(status)}</span>`;
const holds = (ok: boolean): string => badge(ok ? 'pass' : 'fail');
const mono = (text: string): string => `<span class="mono">${esc(text)}</span>`;

function findings(d: AuditReportData): string {
  const rows = d.findings.checks.map((c) => `<tr><td>${esc(c.title)} <span class="mono check-id">${esc(c.id)}</span></td><td>${badge(c.status)}</td><td class="num">${c.count}</td></tr>`).join('');
  const details = d.findings.checks
    .filter((c) => c.status !== 'pass')
    .map((c) => {
      const shown = c.offenders.slice(0, OFFENDERS_IN_REPORT);
      const items = shown
        .map((o) => {
          const key = say.offenderKey(o);
          return `<li>${o.table ? `${mono(o.table)} ` : ''}${key ? `${mono(key)}: ` : ''}${esc(o.message)}</li>`;
        })
        .join('');
      const more = c.count > shown.length ? `<li class="muted">… and ${c.count - shown.length} more (run verify for the list)</li>` : '';
      return `<h3>${esc(c.title)} ${badge(c.status)} ${c.count}</h3><ul class="offenders">${items}${more}</ul>`;
    })
    .join('');
  return `<h2>Findings</h2><p>${esc(say.verdictText(d.findings))}</p>
<table><thead><tr><th>Check</th><th>Status</th><th class="num">Count</th></tr></thead><tbody>${rows}</tbody></table>${details}`;
}

function reconciliationSection(d: AuditReportData): string {
  const r = d.reconciliation;
  const row = (name: string, x: { sales: number; sunk: bigint; retired: bigint; pending: bigint }, cls = '') =>
    `<tr${cls ? ` class="${cls}"` : ''}><td${cls ? '' : ' class="address"'}>${name}</td><td class="num">${say.count(x.sales)}</td><td class="num">${say.tonnes(x.sunk)}</td><td class="num">${say.tonnes(x.retired)}</td><td class="num">${say.tonnes(x.pending)}</td><td>${holds(recipientIdentityHolds(x))}</td></tr>`;
  const creditsHold = r.credits.minted - r.credits.retiredFromBlocks === r.credits.remaining;
  return `<h2>Reconciliation</h2><p class="muted">${esc(say.RECONCILIATION_INTRO)}</p>
<ul class="identities">
<li>sunk <b>${say.tonnes(r.totals.sunk)}</b> = retired <b>${say.tonnes(r.totals.retired)}</b> + pending <b>${say.tonnes(r.totals.pending)}</b> ${holds(recipientIdentityHolds(r.totals))}</li>
<li>the recipients' figures sum to these totals ${holds(recipientsSumToTotals(r))}</li>
<li>credits: ${say.count(r.credits.minted)} VCU minted − ${say.count(r.credits.retiredFromBlocks)} VCU retired from blocks = ${say.count(r.credits.remaining)} VCU remaining ${holds(creditsHold)}</li>
</ul>
<table><thead><tr><th>Recipient</th><th class="num">Sales</th><th class="num">Sunk</th><th class="num">Retired</th><th class="num">Pending</th><th>sunk = retired + pending</th></tr></thead>
<tbody>${r.perRecipient.map((x) => row(esc(x.recipient), x)).join('')}${row('Total', r.totals, 'total')}</tbody></table>`;
}

function marksSection(d: AuditReportData): string {
  const empty = say.marksEmptyText(d.marks);
  if (empty) return `<h2>Review marks and notes</h2><p class="muted">${esc(empty ?? '')}</p>`;
  const items = d.marks.map((m) => `<li>${m.fields.map(([k, v]) => `<b>${esc(k)}</b>: ${esc(v)}`).join(' · ')}</li>`).join('');
  return `<h2>Review marks and notes</h2><ul>${items}</ul>`;
}

function provenanceSection(d: AuditReportData): string {
  const reads = d.provenance.reads.map((r) => {
    const files = r.files.length
      ? `<table><thead><tr><th>File</th><th class="num">Rows</th><th class="num">Bytes</th><th>sha256</th></tr></thead><tbody>${r.files
          .map((f) => `<tr><td>${esc(f.name)}</td><td class="num">${f.rows ?? '—'}</td><td class="num">${f.bytes == null ? '—' : say.count(f.bytes)}</td><td class="sha">${f.sha256 ? esc(f.sha256) : '—'}</td></tr>`)
          .join('')}</tbody></table>`
      : '';
    const items = [`operation ${mono(r.operationId)}`, ...r.sources.map((s) => `source ${mono(s)}`)];
    if (r.latestLedger != null) items.push(`Horizon latest ledger ${r.latestLedger}`);
    if (r.error) items.push(`error: ${esc(r.error)}`);
    return `<div class="read"><h3>${esc(say.readTitle(r))}</h3><ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>${files}</div>`;
  });
  return `<h2>Provenance of the sources read</h2><p>${esc(say.provenanceText(d.provenance.summary))}</p>${reads.length ? reads.join('') : '<p class="muted">No operation read a source in the period.</p>'}`;
}

/** The PDF's running header (period and audit head) and footer (page numbers), as Chromium's print templates. */
export function printTemplates(d: AuditReportData): { header: string; footer: string } {
  const style = 'font: 7.5px sans-serif; color: #5b6675; width: 100%; margin: 0 14mm; display: flex; justify-content: space-between;';
  return {
    header: `<div style="${style}"><span>${esc(say.REPORT_TITLE)} · ${esc(say.periodText(d.period))}</span><span>audit head ${esc(say.headText(d.head))}</span></div>`,
    footer: `<div style="${style}"><span>sc-audit-explorer ${esc(d.appVersion)} · ${esc(d.generatedAt)}</span><span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
  };
}

export function htmlReport(d: AuditReportData, appendix: string): string {
  const styleHash = crypto.createHash('sha256').update(REPORT_CSS).digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${esc(say.REPORT_TITLE)} ${esc(say.periodText(d.period))} · audit head ${esc(say.headText(d.head))}</title>
<style>${REPORT_CSS}</style></head>
<body>
<h1>${esc(say.REPORT_TITLE)}</h1>
<p class="muted">Stellarcarbon carbon credits · ${esc(say.periodText(d.period))}</p>
<div class="summary"><dl>
<dt>Audit head</dt><dd>${d.head ? `seq ${d.head.seq} · ${mono(d.head.hash)}` : esc(say.headText(null))}</dd>
<dt>Verdict</dt><dd>${d.findings.ok ? badge('pass') : badge('fail')} ${esc(say.verdictText(d.findings))}</dd>
<dt>Operations</dt><dd>${esc(say.operationsText(d.operations))}</dd>
</dl></div>
${findings(d)}
${reconciliationSection(d)}
${marksSection(d)}
${provenanceSection(d)}
<h2>Audit head</h2>
<p>${d.head ? `seq ${d.head.seq}<br>hash ${mono(d.head.hash)}` : esc(say.headText(null))}</p>
<p class="muted">The operations of each day are listed in the appendix folder ${mono(`${appendix}/`)}.</p>
<footer class="muted">${esc(say.footerText(d))}</footer>
</body></html>
`;
}
