import type { SyncResult } from '../../../../shared/api/sync';
import { formatAmount } from '../../format/amount';
import { hrefFor } from '../../router';
import { useCatchUp } from './CatchUpContext';
import { CatchUpProgress } from './CatchUpProgress';
import { stepLabel } from './catchUpState';

/** What the bootstrap of a catch-up took from the published data, or why it could not be used. */
function BootstrapOutcome({ result }: { result: SyncResult }) {
  if (result.bootstrapError) {
    return (
      <div className="warn-text" data-testid="catchup-bootstrap-error">
        Published data not used: {result.bootstrapError}. Loaded from the sources alone.
      </div>
    );
  }
  const b = result.bootstrap;
  if (!b) return null;
  const restored = b.files.filter((f) => f.action === 'restored');
  const rows = restored.reduce((n, f) => n + f.rows, 0);
  return (
    <div data-testid="catchup-bootstrap">
      Published data: <strong>{formatAmount(rows)}</strong> rows from {restored.length} {restored.length === 1 ? 'file' : 'files'}, to be{' '}
      <a href={hrefFor('audit', { tab: 'verify' })}>checked against the sources</a>.
      {b.warnings.length > 0 && <div className="muted">{b.warnings.length === 1 ? b.warnings[0] : `${b.warnings.length} warnings (see the audit log)`}</div>}
    </div>
  );
}

/** The always-visible catch-up control in the navigation: button, per-step progress, cancel, result. */
export function CatchUpPanel() {
  const { outcome, blockedReason, start, retry, cancel, dismiss } = useCatchUp();
  const running = blockedReason !== null;
  return (
    <div className="catchup" data-testid="catchup">
      <button type="button" className="primary" onClick={() => start()} disabled={running} title={blockedReason ?? 'Load new records from Horizon and Verra'} data-testid="catchup-button">
        {running ? 'Catching up…' : 'Catch up'}
      </button>
      {running && <span className="muted" data-testid="catchup-blocked">{blockedReason}</span>}
      <CatchUpProgress testId="catchup-progress" />
      {running && (
        <button type="button" onClick={cancel} data-testid="catchup-cancel">
          Cancel
        </button>
      )}
      {outcome?.kind === 'ok' && (
        <div className="summary" role="status" data-testid="catchup-result">
          <strong>Catch-up done.</strong>
          <BootstrapOutcome result={outcome.result} />
          <ul className="plain">
            {outcome.result.counts.map((c) => (
              <li key={c.step}>
                {stepLabel(c.step)}: <strong>+{formatAmount(c.loaded)}</strong>
              </li>
            ))}
          </ul>
          {outcome.result.latestLedger !== null && <div className="muted">as of Horizon ledger {outcome.result.latestLedger}</div>}
          {outcome.result.historyGaps.length > 0 && (
            <div className="warn-text" data-testid="catchup-history-gaps">
              {outcome.result.historyGaps.length === 1 ? 'A history gap' : `${outcome.result.historyGaps.length} history gaps`}: Horizon no longer holds some ledgers, see the{' '}
              <a href={hrefFor('overview')}>Overview</a>.
            </div>
          )}
          <button type="button" className="link-button" onClick={dismiss}>
            Dismiss
          </button>
        </div>
      )}
      {outcome?.kind === 'error' && (
        <div className="summary error" role="alert" data-testid="catchup-error">
          <strong>{outcome.code === 'CANCELLED' ? 'Catch-up cancelled.' : 'Catch-up failed.'}</strong> {outcome.message}
          {outcome.code === 'SOURCE_ERROR' && (
            <div>
              Check the source URLs in <a href="#/settings">Settings</a> (Test connection).
            </div>
          )}
          {outcome.code === 'RATE_LIMITED' && <div>The source is rate limiting: retry in a few minutes.</div>}
          {outcome.code === 'SYNC_RUNNING' && <div>Another catch-up (e.g. from the CLI) is running: retry when it has finished.</div>}
          <div className="actions-row">
            <button type="button" onClick={retry} disabled={running}>
              Retry
            </button>
            <button type="button" className="link-button" onClick={dismiss}>
              Dismiss
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
