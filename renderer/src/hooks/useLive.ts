import { useEffect, useState } from 'react';
import type { LiveStatus } from '../../../shared/api/live';
import { api, errorText } from '../api/client';

/** Live mode's status, kept current by 'live.state' events, and the session toggle. */
export function useLive(): { status: LiveStatus | null; error: string | null; toggle: () => void } {
  const [status, setStatus] = useState<LiveStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Events and call answers race: the newest version wins.
  const take = (s: LiveStatus) => setStatus((prev) => (prev && prev.version > s.version ? prev : s));
  useEffect(() => {
    let alive = true;
    const off = api.on('live.state', (s) => alive && take(s));
    api
      .call('live.status', {})
      .then((s) => alive && take(s))
      .catch((err: unknown) => alive && setError(errorText(err).message));
    return () => {
      alive = false;
      off();
    };
  }, []);
  const toggle = () => {
    if (!status) return;
    api
      .call('live.set', { enabled: status.state === 'off' })
      .then((s) => {
        take(s);
        setError(null);
      })
      .catch((err: unknown) => setError(errorText(err).message));
  };
  return { status, error, toggle };
}

const STATE_TEXT: Record<LiveStatus['state'], string> = {
  live: 'Live',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  waiting: 'Live: waiting',
  off: 'Live off',
};

export function liveLabel(s: LiveStatus): string {
  return STATE_TEXT[s.state];
}

/** The toggle's tooltip: what each stream does, the last live load, why it is off. */
export function liveDetail(s: LiveStatus): string {
  const lines = [s.reason ?? "Following Horizon's streams: new records load as they happen."];
  for (const st of s.streams) lines.push(`${st.name}: ${st.state}${st.error ? ` — ${st.error}` : ''}${st.retryAt ? ` (retry at ${st.retryAt.slice(11, 19)} UTC)` : ''}`);
  const l = s.lastLoad;
  if (l) lines.push(`last live load (${l.target}) at ${l.at.slice(11, 19)} UTC: ${l.error ? `failed — ${l.error}` : `${l.loaded ?? 0} new`}`);
  return lines.join('\n');
}
