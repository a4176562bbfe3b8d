import type { SavedView } from '../../../shared/api/savedViews';
import { SAVED_VIEW_PAGES, type SavedViewPage } from '../../../shared/api/savedViews';
import type { Route } from '../router';

/** The URL key that says which saved view a page was opened as (it names the view's exports); dropped on any change. */
export const SAVED_KEY = 'saved';

/** What a saved view keeps of the current route: the page and its query, without the selection, paging or the name. */
export function viewOfRoute(route: Route): { page: SavedViewPage; query: string } | null {
  if (!(SAVED_VIEW_PAGES as readonly string[]).includes(route.page)) return null;
  const q = new URLSearchParams(route.query);
  for (const k of ['sel', 'pages', SAVED_KEY]) q.delete(k);
  return { page: route.page as SavedViewPage, query: q.toString() };
}

/** A saved view's link: its permalink, plus its name. */
export function savedViewHref(v: Pick<SavedView, 'page' | 'query' | 'name'>): string {
  const q = new URLSearchParams(v.query);
  q.set(SAVED_KEY, v.name);
  return `#/${v.page}?${q.toString()}`;
}

/** The saved view the route was opened as, while it still is that view (same page and query). */
export function openSavedView(route: Route, views: readonly SavedView[]): SavedView | null {
  const name = route.query.get(SAVED_KEY);
  const here = viewOfRoute(route);
  if (!name || !here) return null;
  return views.find((v) => v.name === name && v.page === here.page && v.query === here.query) ?? null;
}
