import { liveDetail, liveLabel, useLive } from '../../hooks/useLive';

/**
 * Live mode's state in the header (live / connecting / reconnecting / waiting / off) and its session toggle.
 * Settings (SC_LIVE) says whether it starts on; `serve --no-live` makes it unavailable.
 */
export function LiveToggle() {
  const { status, error, toggle } = useLive();
  if (!status) return null;
  const on = status.state !== 'off';
  return (
    <span className="live-toggle">
      <button
        type="button"
        className={`live-button live-${status.state}`}
        aria-pressed={on}
        onClick={toggle}
        disabled={!status.available}
        title={`${liveDetail(status)}\n${status.available ? `Click to turn live mode ${on ? 'off' : 'on'} for this session.` : ''}`}
        data-testid="live-toggle"
        data-state={status.state}
      >
        <span className="live-dot" aria-hidden="true" />
        {liveLabel(status)}
      </button>
      {error && (
        <span role="alert" className="error-text small">
          {error}
        </span>
      )}
    </span>
  );
}
