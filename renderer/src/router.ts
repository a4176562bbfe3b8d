import { useSyncExternalStore } from 'react';

/**
 * Hash routing: `#/page?filter=…`. The whole view state lives in the URL, so a view is a permalink
 * that survives a reload, and the bridge's ?token= query stays untouched.
 */
export interface Route {
  page: string;
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart = '', queryPart = ''] = raw.split('?', 2);
  const page = pathPart.replace(/^\/+/, '').split('/')[0] || 'overview';
  return { page, query: new URLSearchParams(queryPart) };
}

export function hrefFor(page: string, query: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, v);
  const qs = q.toString();
  return `#/${page}${qs ? `?${qs}` : ''}`;
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHash(hash);
}

export function navigate(page: string, query: Record<string, string | undefined> = {}): void {
  const next = hrefFor(page, query);
  if (window.location.hash !== next) window.location.hash = next;
}
