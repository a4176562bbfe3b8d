import type { ProvenanceSummary } from '../../../shared/api/provenance';
import type { HistoryGap } from '../../../shared/api/sync';
import type { BadgeTone } from '../components/StatusBadge';

/** "120 of 128 bootstrapped rows confirmed against Horizon and Verra, 8 unconfirmable" (differs/unchecked are shown apart). */
export function provenanceSentence(s: ProvenanceSummary): string {
  return `${s.confirmed} of ${s.bootstrapped} bootstrapped ${s.bootstrapped === 1 ? 'row' : 'rows'} confirmed against Horizon and Verra, ${s.unconfirmable} unconfirmable`;
}

/** A difference fails verify; unchecked or unconfirmable rows are open findings; all confirmed is a pass. */
export function provenanceTone(s: ProvenanceSummary): BadgeTone {
  if (s.differs > 0) return 'danger';
  if (s.unchecked > 0 || s.unconfirmable > 0) return 'warn';
  return 'ok';
}

const day = (d: string | null) => (d ? d.slice(0, 10) : '?');

/** "History gap: minted-blocks ledgers 1000–2000 (2021-05-01 to 2023-01-31) not held by https://horizon.stellar.org" */
export function historyGapLine(g: HistoryGap): string {
  return `History gap: ${g.stream} ledgers ${g.fromLedger}–${g.toLedger} (${day(g.fromDate)} to ${day(g.toDate)}) not held by ${g.horizonUrl}`;
}
