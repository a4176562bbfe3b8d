/** Loading and error states that keep the layout steady and say what to do. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status">
      {label}
    </div>
  );
}

/** What to do about an error, by its stable code. */
const ADVICE: Partial<Record<string, string>> = {
  RATE_LIMITED: 'The source is rate limiting: wait a moment, then retry.',
  SOURCE_ERROR: 'Check the source URLs under Settings (Test connection), then retry.',
  SYNC_RUNNING: 'A catch-up is writing to the database: retry when it has finished.',
  DB_NEWER_VERSION: 'This database was written by a newer version of the app: update the app.',
  DB_CORRUPT: 'The database file is damaged: restore a backup under Settings.',
  BAD_INPUT: 'Check the filters or values you entered.',
};

export function ErrorState({ message, code, onRetry }: { message: string; code: string; onRetry?: () => void }) {
  const unknown = code === 'BAD_INPUT' && message.startsWith('Unknown method');
  return (
    <div className="state state-error" role="alert">
      {unknown ? (
        <>This part of the app is not available in this build yet ({message.replace('Unknown method: ', '')}).</>
      ) : (
        <>
          <strong>{code}</strong> {message}
          {ADVICE[code] && <div className="advice">{ADVICE[code]}</div>}
        </>
      )}
      {onRetry && !unknown && (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
