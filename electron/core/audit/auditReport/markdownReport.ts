import { mdCell } from '../markdown.js';
import { recipientsSumToTotals } from './reconciliation.js';
import * as say from './reportText.js';
import { type AuditReportData, recipientIdentityHolds } from './types.js';

/** Offenders listed per check in the report; the count is always complete. */
export const OFFENDERS_IN_REPORT = 50;

const yesNo = (ok: boolean): string => (ok ? 'yes' : '**NO**');

function findings(d: AuditReportData): string[] {
  const lines = ['## Findings', '', say.verdictText(d.findings), '', '| Check | Status | Count |', '|---|---|---|'];
  for (const c of d.findings.checks) lines.push(`| ${mdCell(c.title)} (\`${c.id}\`) | ${c.status} | ${c.count} |`);
  for (const c of d.findings.checks.filter((x) => x.status !== 'pass')) {
    lines.push('', `### ${c.title} — ${c.status} (${c.count})`, '');
    for (const o of c.offenders.slice(0, OFFENDERS_IN_REPORT)) {
      const key = say.offenderKey(o);
      lines.push(`- ${o.table ? `\`${o.table}\` ` : ''}${key ? `\`${mdCell(key)}\`: ` : ''}${mdCell(o.message)}`);
    }
    if (c.count > Math.min(c.offenders.length, OFFENDERS_IN_REPORT)) lines.push(`- … and ${c.count - Math.min(c.offenders.length, OFFENDERS_IN_REPORT)} more (run \`verify\` for the list)`);
  }
  return lines;
}

function reconciliationSection(d: AuditReportData): string[] {
  const r = d.reconciliation;
  const lines = ['## Reconciliation', '', say.RECONCILIATION_INTRO, ''];
  lines.push(`- sunk ${say.tonnes(r.totals.sunk)} = retired ${say.tonnes(r.totals.retired)} + pending ${say.tonnes(r.totals.pending)}: ${yesNo(recipientIdentityHolds(r.totals))}`);
  lines.push(`- the recipients' figures sum to these totals: ${yesNo(recipientsSumToTotals(r))}`);
  lines.push(`- credits: ${say.count(r.credits.minted)} VCU minted − ${say.count(r.credits.retiredFromBlocks)} VCU retired from blocks = ${say.count(r.credits.remaining)} VCU remaining: ${yesNo(r.credits.minted - r.credits.retiredFromBlocks === r.credits.remaining)}`);
  lines.push('', '| Recipient | Sales | Sunk | Retired | Pending | sunk = retired + pending |', '|---|---:|---:|---:|---:|---|');
  for (const x of r.perRecipient) lines.push(`| \`${mdCell(x.recipient)}\` | ${say.count(x.sales)} | ${say.tonnes(x.sunk)} | ${say.tonnes(x.retired)} | ${say.tonnes(x.pending)} | ${yesNo(recipientIdentityHolds(x))} |`);
  lines.push(`| **Total** | ${say.count(r.totals.sales)} | ${say.tonnes(r.totals.sunk)} | ${say.tonnes(r.totals.retired)} | ${say.tonnes(r.totals.pending)} | ${yesNo(recipientIdentityHolds(r.totals))} |`);
  return lines;
}

function marksSection(d: AuditReportData): string[] {
  const lines = ['## Review marks and notes', ''];
  const empty = say.marksEmptyText(d.marks);
  if (empty) return [...lines, empty ?? ''];
  for (const m of d.marks) lines.push(`- ${m.fields.map(([k, v]) => `${k}: ${mdCell(v)}`).join(' · ')}`);
  return lines;
}

function provenanceSection(d: AuditReportData): string[] {
  const lines = ['## Provenance of the sources read', '', say.provenanceText(d.provenance.summary), ''];
  if (d.provenance.reads.length === 0) return [...lines, 'No operation read a source in the period.'];
  for (const r of d.provenance.reads) {
    lines.push(`### ${say.readTitle(r)}`, '', `- operation \`${r.operationId}\``);
    for (const s of r.sources) lines.push(`- source: ${mdCell(s)}`);
    if (r.latestLedger != null) lines.push(`- Horizon latest ledger: ${r.latestLedger}`);
    if (r.error) lines.push(`- error: ${mdCell(r.error)}`);
    if (r.files.length) {
      lines.push('', '| File | Rows | Bytes | sha256 |', '|---|---:|---:|---|');
      for (const f of r.files) lines.push(`| ${mdCell(f.name)} | ${f.rows ?? '—'} | ${f.bytes ?? '—'} | ${f.sha256 ? `\`${f.sha256}\`` : '—'} |`);
    }
    lines.push('');
  }
  return lines;
}

/** The auditor's report as Markdown; `appendix` names the folder of the per-day operation logs. */
export function markdownReport(d: AuditReportData, appendix: string): string {
  const lines = [
    `# ${say.REPORT_TITLE} — ${say.periodText(d.period)}`,
    '',
    `- audit head: ${d.head ? `seq ${d.head.seq}, hash \`${d.head.hash}\`` : say.headText(null)}`,
    `- ${say.verdictText(d.findings)}`,
    `- ${say.operationsText(d.operations)}`,
    '',
    ...findings(d),
    '',
    ...reconciliationSection(d),
    '',
    ...marksSection(d),
    '',
    ...provenanceSection(d),
    '',
    '## Audit head',
    '',
    d.head ? `- seq ${d.head.seq}\n- hash \`${d.head.hash}\`` : `- ${say.headText(null)}`,
    '',
    `The operations of each day are listed in the appendix folder \`${appendix}/\`.`,
    '',
    say.footerText(d),
    '',
  ];
  return lines.join('\n');
}
