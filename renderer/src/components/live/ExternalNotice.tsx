import { useEffect, useState } from 'react';
import type { ExternalOperation } from '../../../../shared/events';
import { api } from '../../api/client';

const SHOWN_MS = 10_000;
const VIA: Record<string, string> = { cli: 'the CLI', http: 'serve', ipc: 'the desktop app' };

/** One sentence for an operation of another process: what, by whom, from where, and how it ended. */
export function externalSentence(e: ExternalOperation): string {
  const who = `${e.kind} by ${e.actor} from ${VIA[e.via ?? ''] ?? e.via ?? 'another process'} (pid ${e.pid ?? '?'} on ${e.host})`;
  if (e.state === 'running') return `A ${who} is running on this database.`;
  if (e.status !== 'ok') return `A ${who} ${e.status ?? 'failed'}${e.error ? `: ${e.error}` : ''}.`;
  return `A ${who} finished${e.tables && e.tables.length > 0 ? `; the views are refreshed (${e.tables.join(', ')})` : ', changing nothing'}.`;
}

/** Announces catch-ups (and loads, restores) run by other processes on the open database; gone after a while. */
export function ExternalNotice() {
  const [last, setLast] = useState<ExternalOperation | null>(null);
  useEffect(() => api.on('sync.external', setLast), []);
  useEffect(() => {
    if (!last || last.state === 'running') return;
    const t = setTimeout(() => setLast(null), SHOWN_MS);
    return () => clearTimeout(t);
  }, [last]);
  return (
    <div className="external-notice" role="status" data-testid="external-notice">
      {last && (
        <p className={last.state === 'finished' && last.status !== 'ok' ? 'warn-text' : undefined}>
          {externalSentence(last)}{' '}
          <button type="button" className="link-button" onClick={() => setLast(null)}>
            Dismiss
          </button>
        </p>
      )}
    </div>
  );
}
