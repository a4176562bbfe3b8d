import { StatusBadge } from '../../components/StatusBadge';
import { Time } from '../../components/TimeCell';
import { historyGapLine, provenanceSentence, provenanceTone } from '../../format/provenance';
import { hrefFor } from '../../router';
import { useApi } from '../../hooks/useApi';
import { linkToProvenance } from '../links';

/**
 * What the Overview must not hide: how far the rows taken from Stellarcarbon's published data are confirmed by
 * Horizon and Verra (shown once a bootstrap or restore brought such rows), every history gap — ledgers the
 * configured Horizon no longer holds, whose records it cannot show — contract-call sales not being loaded (until a
 * verify's verdict lists that itself), and registry drift (Verra's records changed after they were stored).
 */
export function OverviewFindings() {
  const [summary] = useApi('provenance.summary', {});
  const [gaps] = useApi('sync.historyGaps', {});
  const [info] = useApi('app.info', {});
  const [last] = useApi('audit.lastVerify', {});
  const [driftState] = useApi('views.driftSummary', {});
  const drift = driftState.state === 'ready' && driftState.value.entries > 0 ? driftState.value : null;
  const s = summary.state === 'ready' && summary.value.bootstrapped > 0 ? summary.value : null;
  const gapList = gaps.state === 'ready' ? gaps.value : [];
  // Once the stored verdict lists it (a finding linked to Settings above), it is not said twice.
  const inVerdict = last.state === 'ready' && (last.value?.checks.some((c) => c.id === 'contract-calls' && c.status !== 'pass') ?? false);
  const notLoaded = info.state === 'ready' && !inVerdict ? info.value.contractCallsNotLoaded : null;
  if (!s && gapList.length === 0 && !notLoaded && !drift) return null;
  const tone = s ? provenanceTone(s) : 'muted';
  return (
    <div className="findings">
      {s && (
        <div className={`finding${tone === 'danger' || tone === 'warn' ? ` ${tone}` : ''}`} data-testid="overview-provenance">
          <StatusBadge tone={tone}>provenance</StatusBadge>
          <span data-testid="overview-provenance-text">{provenanceSentence(s)}</span>
          {s.differs > 0 && (
            <>
              {', '}
              <a href={linkToProvenance('differs')} className="error-text" data-testid="overview-provenance-differs">
                {s.differs} {s.differs === 1 ? 'differs' : 'differ'} from the sources
              </a>
            </>
          )}
          {s.unchecked > 0 && (
            <span data-testid="overview-provenance-unchecked">
              , {s.unchecked} unchecked (<a href={hrefFor('audit', { tab: 'verify' })}>verify with sources</a> checks them)
            </span>
          )}
          <span className="muted">
            {' '}
            · {s.lastCheckedAt ? <>last checked <Time value={s.lastCheckedAt} /></> : 'never checked'} · <a href={linkToProvenance()}>list</a>
          </span>
        </div>
      )}
      {drift && (
        <div className="finding warn" data-testid="overview-drift">
          <StatusBadge tone="warn">registry drift</StatusBadge>
          <span>
            Verra&apos;s records changed after they were stored: {drift.entries} {drift.entries === 1 ? 'difference' : 'differences'} on {drift.records}{' '}
            {drift.records === 1 ? 'record' : 'records'}
            {drift.latestNoticedAt && (
              <>
                , latest noticed <Time value={drift.latestNoticedAt} />
              </>
            )}{' '}
            · <a href={hrefFor('drift', {})} data-testid="overview-drift-link">list</a>
          </span>
        </div>
      )}
      {notLoaded && (
        <div className="finding warn" data-testid="overview-contract-calls">
          <StatusBadge tone="warn">contract calls</StatusBadge>
          <span>
            Sales made through Stellarcarbon's Soroban contract are missing from every figure: {notLoaded.replace(/^contract-call sales are not being loaded: /, '')}. Set
            one indexer under <a href={hrefFor('settings', {})}>Settings</a>.
          </span>
        </div>
      )}
      {gapList.length > 0 && (
        <div className="finding warn" data-testid="overview-history-gaps">
          <StatusBadge tone="warn">history gaps</StatusBadge>
          <span>The configured Horizon cannot show every record: what lies in these ledgers is invisible to a catch-up and to the provenance check.</span>
          <ul>
            {gapList.map((g) => (
              <li key={`${g.stream}-${g.fromLedger}-${g.horizonUrl}`} data-testid="history-gap">
                {historyGapLine(g)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
