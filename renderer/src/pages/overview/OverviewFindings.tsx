import { StatusBadge } from '../../components/StatusBadge';
import { Time } from '../../components/TimeCell';
import { historyGapLine, provenanceSentence, provenanceTone } from '../../format/provenance';
import { hrefFor } from '../../router';
import { useApi } from '../../useApi';
import { linkToProvenance } from '../links';

/**
 * What the Overview must not hide: how far the rows taken from Stellarcarbon's published data are confirmed by
 * Horizon and Verra (shown once a bootstrap or restore brought such rows), and every history gap — ledgers the
 * configured Horizon no longer holds, whose records it cannot show.
 */
export function OverviewFindings() {
  const [summary] = useApi('provenance.summary', {});
  const [gaps] = useApi('sync.historyGaps', {});
  const s = summary.state === 'ready' && summary.value.bootstrapped > 0 ? summary.value : null;
  const gapList = gaps.state === 'ready' ? gaps.value : [];
  if (!s && gapList.length === 0) return null;
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
