import { useEffect, useState, useSyncExternalStore } from 'react';
import { api } from '../../api/client';
import { ErrorState, Loading } from '../../components/StatusViews';

/** Theme colours for SVG charts, read from the CSS variables so charts follow light/dark like the rest. */
export interface ChartColors {
  accent: string;
  second: string;
  third: string;
  text: string;
  muted: string;
  grid: string;
  palette: string[];
}

const dark = typeof window !== 'undefined' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
function subscribe(cb: () => void): () => void {
  dark?.addEventListener('change', cb);
  return () => dark?.removeEventListener('change', cb);
}

export function useChartColors(): ChartColors {
  const isDark = useSyncExternalStore(subscribe, () => dark?.matches ?? false);
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const accent = v('--accent', '#0f7a55');
  const second = v('--chart-2', isDark ? '#7fb0ea' : '#2b6cb0');
  const third = v('--chart-3', isDark ? '#e0b155' : '#b7791f');
  return {
    accent,
    second,
    third,
    text: v('--text', '#1b2320'),
    muted: v('--text-muted', '#5d6b65'),
    grid: v('--border', '#d9dedb'),
    palette: [accent, second, third, v('--chart-4', '#9f7aea'), v('--chart-5', '#e53e3e'), v('--chart-6', '#38b2ac')],
  };
}

/** Every page of a keyset view, up to a cap (charts need all rows of small tables; the cap keeps it bounded). */
export function useAllPages<T, C>(fetchPage: (cursor: C | null) => Promise<{ rows: T[]; nextCursor: C | null }>, maxPages = 20) {
  const [state, setState] = useState<{ rows: T[]; truncated: boolean } | { error: { code: string; message: string } } | null>(null);
  const [nonce, setNonce] = useState(0);
  useEffect(() => api.on('data.changed', () => setNonce((n) => n + 1)), []);
  useEffect(() => {
    let live = true;
    (async () => {
      const rows: T[] = [];
      let cursor: C | null = null;
      for (let i = 0; i < maxPages; i++) {
        const page = await fetchPage(cursor);
        rows.push(...page.rows);
        cursor = page.nextCursor;
        if (cursor === null) break;
      }
      if (live) setState({ rows, truncated: cursor !== null });
    })().catch((err: { code?: string; message?: string }) => {
      if (live) setState({ error: { code: err.code ?? 'INTERNAL', message: err.message ?? String(err) } });
    });
    return () => {
      live = false;
    };
  }, [fetchPage, maxPages, nonce]);
  return state;
}

export function ChartFrame({ title, children, testId, note }: { title: string; children: React.ReactNode; testId: string; note?: React.ReactNode }) {
  return (
    <figure className="chart" data-testid={testId}>
      <h2>{title}</h2>
      <div className="chart-box">{children}</div>
      {note && <figcaption className="muted small">{note}</figcaption>}
    </figure>
  );
}

export function ChartState({ state, empty }: { state: { error: { code: string; message: string } } | null | { rows: unknown[] }; empty: string }) {
  if (state === null) return <Loading />;
  if ('error' in state) return <ErrorState code={state.error.code} message={state.error.message} />;
  if (state.rows.length === 0) return <div className="state">{empty}</div>;
  return null;
}
