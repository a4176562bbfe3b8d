/** Loading and error states that keep the layout steady and say what to do. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status">
      {label}
    </div>
  );
}

export function ErrorState({ message, code, onRetry }: { message: string; code: string; onRetry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <strong>{code}</strong> {message}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
