import type { CheckResult, VerifyReport } from '../../../../shared/api/audit';
import { StatusBadge, type BadgeTone } from '../../components/StatusBadge';
import { Time } from '../../components/TimeCell';
import { useApi } from '../../hooks/useApi';
import { hrefFor } from '../../router';
import { linkToProvenance } from '../links';
import { SaleAgeingChart } from './SaleAgeingChart';

/** Where each open check's exact list is: the filtered (exportable) table, or the report when no table holds it. */
export function checkHref(c: CheckResult): string {
  if (c.id === 'grace-period' && c.listParams) return hrefFor('sinks', c.listParams);
  if (c.id === 'provenance') return linkToProvenance(c.status === 'fail' ? 'differs' : undefined);
  if (c.id === 'contract-calls') return hrefFor('settings', {});
  if (c.id === 'registry-drift' || c.id === 'registry-edits') return hrefFor('drift', {});
  return hrefFor('audit', { tab: 'verify' });
}

function verdictTone(r: VerifyReport): BadgeTone {
  if (!r.ok) return 'danger';
  return r.checks.some((c) => c.status !== 'pass') ? 'warn' : 'ok';
}

/**
 * What leads the Overview: the newest verify's verdict (stored by every verify, including the one after each
 * catch-up, bootstrap and restore: read, never re-run here), each open check with its count and a link to its
 * exact list, and the ageing of open sales.
 */
export function OverviewVerdict() {
  const [last] = useApi('audit.lastVerify', {});
  if (last.state !== 'ready') return null;
  const r = last.value;
  if (!r) {
    return (
      <div className="finding verdict" data-testid="overview-verdict">
        <StatusBadge tone="muted">verify</StatusBadge> Not run on this database yet. <a href={hrefFor('audit', { tab: 'verify' })}>Run verify</a>
      </div>
    );
  }
  const open = r.checks.filter((c) => c.status !== 'pass');
  const tone = verdictTone(r);
  return (
    <div className="verdict-row">
      <div className={`finding verdict${tone === 'ok' ? '' : ` ${tone}`}`} data-testid="overview-verdict">
        <StatusBadge tone={tone}>{r.ok ? 'verify: pass' : 'verify: FAIL'}</StatusBadge>
        <span data-testid="overview-verdict-text">
          {open.length === 0 ? `all ${r.checks.length} checks pass` : `${open.length} of ${r.checks.length} checks need a look`}
        </span>
        <span className="muted">
          {' '}
          · checked <Time value={r.checkedAt} /> · <a href={hrefFor('audit', { tab: 'verify' })}>report</a>
        </span>
        {open.length > 0 && (
          <ul className="verdict-list">
            {open.map((c) => (
              <li key={c.id} data-testid="overview-finding" data-check={c.id}>
                <StatusBadge tone={c.status === 'fail' ? 'danger' : 'warn'}>{c.status === 'fail' ? 'fail' : c.count}</StatusBadge>{' '}
                <a href={checkHref(c)}>{c.headline ?? `${c.title}: ${c.count}`}</a>
              </li>
            ))}
          </ul>
        )}
      </div>
      <SaleAgeingChart />
    </div>
  );
}
