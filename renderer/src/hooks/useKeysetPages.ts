import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/client';

export interface KeysetPage<T, C> {
  rows: T[];
  nextCursor: C | null;
}

export interface KeysetState<T> {
  /** The loaded rows, in order; the same array until a page comes in (memoized consumers stay put). */
  rows: T[];
  /** The same rows as the loaded pages: each page array stays the same while more are appended. */
  pages: readonly T[][];
  /** 'loading' only when there is nothing to show yet for this query. */
  status: 'loading' | 'ready' | 'error';
  /** A page is being fetched while rows are on screen (load more, or a refresh). */
  busy: boolean;
  hasMore: boolean;
  error: { code: string; message: string } | null;
  reload: () => void;
}

interface Loaded<T, C> {
  /** Which query and refresh these pages belong to. */
  key: string;
  nonce: number;
  pages: T[][];
  next: C | null;
  done: boolean;
  error: { code: string; message: string } | null;
}

const NO_PAGES: never[][] = [];

/**
 * Keyset paging ("load more"): fetches the first page for `queryKey`, then further pages until `pages` are
 * loaded or the server says there are no more. Only loaded pages are ever in the renderer. A filter change
 * (new queryKey) starts over; 'data.changed' refetches the same number of pages while the old rows stay on
 * screen (no layout jump).
 */
export function useKeysetPages<T, C>(
  queryKey: string,
  pages: number,
  fetchPage: (cursor: C | null) => Promise<KeysetPage<T, C>>,
): KeysetState<T> {
  const [loaded, setLoaded] = useState<Loaded<T, C> | null>(null);
  const [nonce, setNonce] = useState(0);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  useEffect(() => api.on('data.changed', reload), [reload]);
  const fetchRef = useRef(fetchPage);
  useEffect(() => {
    fetchRef.current = fetchPage;
  });

  const current = loaded !== null && loaded.key === queryKey && loaded.nonce === nonce;
  const target = Math.max(1, pages);
  const needsFetch = !current || (!loaded.done && !loaded.error && loaded.pages.length < target);

  useEffect(() => {
    if (!needsFetch) return;
    let live = true;
    const start: Loaded<T, C> = current ? loaded : { key: queryKey, nonce, pages: [], next: null, done: false, error: null };
    (async () => {
      let { pages: got, next } = start;
      let done = false;
      do {
        const page = await fetchRef.current(got.length === 0 ? null : next);
        if (!live) return;
        got = [...got, page.rows];
        next = page.nextCursor;
        done = next === null;
      } while (!done && got.length < target);
      setLoaded({ key: queryKey, nonce, pages: got, next, done, error: null });
    })().catch((err: { code?: string; message?: string }) => {
      if (live) setLoaded({ ...start, done: true, error: { code: err.code ?? 'INTERNAL', message: err.message ?? String(err) } });
    });
    return () => {
      live = false;
    };
  }, [needsFetch, current, loaded, queryKey, nonce, target]);

  const sameQuery = loaded !== null && loaded.key === queryKey;
  const shown = sameQuery ? loaded.pages : NO_PAGES;
  const rows = useMemo(() => shown.flat(), [shown]);
  const error = current ? loaded.error : null;
  const status = error && rows.length === 0 ? 'error' : sameQuery && (current || rows.length > 0) ? 'ready' : 'loading';
  return { rows, pages: shown, status, busy: needsFetch && sameQuery, hasMore: sameQuery ? !loaded.done : false, error, reload };
}
