import { Fragment } from 'react';
import { formatAmount } from '../../format/amount';
import { useCatchUp } from './CatchUpContext';
import { isActive, stepFraction, stepLabel } from './catchUpState';

/** The always-visible catch-up control in the navigation: button, per-step progress, cancel, result. */
export function CatchUpPanel() {
  const { view, outcome, blockedReason, start, cancel, dismiss } = useCatchUp();
  const running = blockedReason !== null;
  return (
    <div className="catchup" data-testid="catchup">
      <button type="button" className="primary" onClick={start} disabled={running} title={blockedReason ?? 'Load new records from Horizon and Verra'} data-testid="catchup-button">
        {running ? 'Catching up…' : 'Catch up'}
      </button>
      {running && <span className="muted" data-testid="catchup-blocked">{blockedReason}</span>}
      {view.steps.length > 0 && (isActive(view.state) || running) && (
        <div className="progress" data-testid="catchup-progress">
          {view.steps.map((s) => {
            const f = stepFraction(s);
            return (
              <Fragment key={s.step}>
                <span>
                  {stepLabel(s.step)}{' '}
                  <span className="muted">
                    {formatAmount(s.done)}
                    {s.total !== null ? ` / ${formatAmount(s.total)}` : ''}
                  </span>
                </span>
                <div
                  className={`progress-bar${f === null ? ' indeterminate' : ''}`}
                  role="progressbar"
                  aria-label={stepLabel(s.step)}
                  aria-valuemin={0}
                  aria-valuemax={s.total ?? undefined}
                  aria-valuenow={s.total !== null ? s.done : undefined}
                >
                  <span style={f === null ? undefined : { width: `${Math.round(f * 100)}%` }} />
                </div>
              </Fragment>
            );
          })}
          {view.message && <span className="muted">{view.message}</span>}
        </div>
      )}
      {running && (
        <button type="button" onClick={cancel} data-testid="catchup-cancel">
          Cancel
        </button>
      )}
      {outcome?.kind === 'ok' && (
        <div className="summary" role="status" data-testid="catchup-result">
          <strong>Catch-up done.</strong>
          <ul className="plain">
            {outcome.result.counts.map((c) => (
              <li key={c.step}>
                {stepLabel(c.step)}: <strong>+{formatAmount(c.loaded)}</strong>
              </li>
            ))}
          </ul>
          {outcome.result.latestLedger !== null && <div className="muted">as of Horizon ledger {outcome.result.latestLedger}</div>}
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
            <button type="button" onClick={start} disabled={running}>
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
