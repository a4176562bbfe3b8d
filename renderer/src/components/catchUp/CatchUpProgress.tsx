import { Fragment } from 'react';
import { formatAmount } from '../../format/amount';
import { useCatchUp } from './CatchUpContext';
import { BOOTSTRAP_STEP, bootstrapLine, isActive, stepFraction, stepLabel } from './catchUpState';

/**
 * The running catch-up's steps, one bar each (the navigation's panel and the welcome screen both show it). The
 * bootstrap step says which published file it is at: "Downloading published data (3/7): sinking_txs.ndjson …".
 */
export function CatchUpProgress({ testId }: { testId: string }) {
  const { view, blockedReason } = useCatchUp();
  if (view.steps.length === 0 || !(isActive(view.state) || blockedReason !== null)) return null;
  const bootstrap = view.steps.find((s) => s.step === BOOTSTRAP_STEP);
  return (
    <div className="progress" data-testid={testId}>
      {view.steps.map((s) => {
        const f = stepFraction(s);
        const isBootstrap = s.step === BOOTSTRAP_STEP;
        return (
          <Fragment key={s.step}>
            {isBootstrap ? (
              <span className="progress-line" data-testid={`${testId}-bootstrap`}>
                {bootstrapLine(s)}
              </span>
            ) : (
              <span>
                {stepLabel(s.step)}{' '}
                <span className="muted">
                  {formatAmount(s.done)}
                  {s.total !== null ? ` / ${formatAmount(s.total)}` : ''}
                </span>
              </span>
            )}
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
      {/* The bootstrap's file line is already on its step; other messages (rate-limit waits) show here. */}
      {view.message && view.message !== bootstrap?.message && <span className="muted">{view.message}</span>}
    </div>
  );
}
