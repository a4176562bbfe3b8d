import type { Offender } from '../../../../shared/api/audit.js';
import type { ProvenanceSummary } from '../../../../shared/api/provenance.js';
import { CARBON_SCALE, formatDecimal } from '../../domain/amount.js';
import type { AuditReportData, ReportFindings, SourceRead } from './types.js';

/** The sentences and figures both report writers (Markdown and HTML) print, so both say exactly the same. */

export const REPORT_TITLE = "Auditor's report";

/** Kilograms as tonnes with three decimals, thousands separated: "12,345.678 t". */
export function tonnes(kg: bigint): string {
  const [whole = '0', frac = ''] = formatDecimal(kg, CARBON_SCALE).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac} t`;
}

export function count(n: bigint | number): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function periodText(p: AuditReportData['period']): string {
  return p.from === p.to ? `${p.from} (UTC)` : `${p.from} to ${p.to} (UTC)`;
}

export function headText(head: AuditReportData['head']): string {
  return head ? `seq ${head.seq} · ${head.hash}` : 'the audit log is empty';
}

export function verdictText(f: ReportFindings): string {
  const failed = f.checks.filter((c) => c.status === 'fail');
  const findings = f.checks.filter((c) => c.status === 'findings');
  const passed = f.checks.length - failed.length - findings.length;
  const head = failed.length ? `verify FAILS: ${failed.map((c) => `${c.id} (${c.count})`).join(', ')}` : 'verify passes';
  const tail = findings.length ? `; findings for the auditor: ${findings.map((c) => `${c.id} (${c.count})`).join(', ')}` : '';
  return `${head} — ${passed} of ${f.checks.length} checks pass${tail}. Grace period ${f.graceDays} days.`;
}

export function operationsText(o: AuditReportData['operations']): string {
  return `${o.count} operations recorded in the period: ${o.ok} ok, ${o.failed} failed, ${o.cancelled} cancelled, ${o.running} running.`;
}

export function provenanceText(s: ProvenanceSummary): string {
  if (s.bootstrapped === 0) return 'No row of the database was taken on trust from published data.';
  return (
    `${count(s.bootstrapped)} rows were taken on trust (bootstrap, restore or an indexer): ${count(s.confirmed)} confirmed against the sources, ` +
    `${count(s.differs)} differ, ${count(s.unconfirmable)} unconfirmable, ${count(s.unchecked)} unchecked` +
    (s.lastCheckedAt ? ` (last checked ${s.lastCheckedAt}).` : '.')
  );
}

/** An offender's key, unless its message already names it (most do): printed once, not twice. */
export function offenderKey(o: Offender): string | null {
  return o.key && !o.message.includes(o.key) ? o.key : null;
}

export function readTitle(r: SourceRead): string {
  return `seq ${r.seq} · ${r.startedAt} · ${r.kind} · ${r.status}${r.actor ? ` · ${r.actor}` : ''}`;
}

export function marksEmptyText(marks: AuditReportData['marks']): string | null {
  if (marks.length === 0) return 'No review marks or notes were recorded.';
  return null;
}

export const RECONCILIATION_INTRO =
  'Figures of the whole database at the audit head, in tonnes of CO₂ (exact: kilograms summed as integers). ' +
  'Sunk = carbon sold through the sink; retired = filled by Verra retirements; pending = sunk − retired, per sale.';

export const footerText = (d: AuditReportData): string => `Generated ${d.generatedAt} by sc-audit-explorer ${d.appVersion}.`;
