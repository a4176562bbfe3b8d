/**
 * A table view's state as URL query parameters, so a view is a permalink: filters, sort order, how many pages
 * of rows are loaded (keyset "load more"), and the selected row. Defaults are left out of the URL, so the
 * plain page link stays short and two equal states always have the same URL.
 */
export type SortOrder = 'asc' | 'desc';

export interface TableState {
  /** Filter name → value, as typed (the page turns them into API params). Empty values are dropped. */
  filters: Record<string, string>;
  order: SortOrder;
  /** Pages loaded with "load more"; 1 = just the first. */
  pages: number;
  /** The selected row's key (a tx hash, a certificate id, a serial hash…), or null. */
  selected: string | null;
}

export interface TableDefaults {
  /** The filter names this view knows; other query params are ignored. */
  filterKeys: readonly string[];
  order?: SortOrder;
}

export const MAX_PAGES = 50;

export function parseTableState(query: URLSearchParams, defaults: TableDefaults): TableState {
  const filters: Record<string, string> = {};
  for (const key of defaults.filterKeys) {
    const v = query.get(key);
    if (v !== null && v.trim() !== '') filters[key] = v.trim();
  }
  const orderRaw = query.get('order');
  const order: SortOrder = orderRaw === 'asc' || orderRaw === 'desc' ? orderRaw : (defaults.order ?? 'desc');
  const pagesRaw = Number(query.get('pages'));
  const pages = Number.isInteger(pagesRaw) && pagesRaw >= 1 ? Math.min(pagesRaw, MAX_PAGES) : 1;
  const sel = query.get('sel');
  return { filters, order, pages, selected: sel !== null && sel !== '' ? sel : null };
}

/** The query of a state, defaults omitted, keys in a stable order (filters as listed, then order/pages/sel). */
export function tableStateToQuery(state: TableState, defaults: TableDefaults): Record<string, string> {
  const q: Record<string, string> = {};
  for (const key of defaults.filterKeys) {
    const v = state.filters[key];
    if (v !== undefined && v.trim() !== '') q[key] = v.trim();
  }
  if (state.order !== (defaults.order ?? 'desc')) q.order = state.order;
  if (state.pages > 1) q.pages = String(Math.min(state.pages, MAX_PAGES));
  if (state.selected) q.sel = state.selected;
  return q;
}

/** A filter change restarts paging (the loaded pages belonged to the old filter) but keeps the selection. */
export function withFilter(state: TableState, key: string, value: string): TableState {
  const filters = { ...state.filters };
  if (value.trim() === '') delete filters[key];
  else filters[key] = value;
  return { ...state, filters, pages: 1 };
}

export function withOrder(state: TableState, order: SortOrder): TableState {
  return { ...state, order, pages: 1 };
}

export function withSelected(state: TableState, selected: string | null): TableState {
  return { ...state, selected };
}

export function withPages(state: TableState, pages: number): TableState {
  return { ...state, pages: Math.max(1, Math.min(MAX_PAGES, pages)) };
}

/** "yes"/"no"/"" (any) → true/false/undefined, for tri-state filters such as finalized. */
export function triState(value: string | undefined): boolean | undefined {
  if (value === 'yes') return true;
  if (value === 'no') return false;
  return undefined;
}
