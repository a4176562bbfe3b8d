import { useCallback, useMemo } from 'react';
import { navigate, useRoute } from '../router';
import { type TableDefaults, type TableState, parseTableState, tableStateToQuery } from '../state/tableState';

/**
 * The table state of the current page, read from and written to the URL hash. Updates replace the hash, so
 * the browser's back button walks through views and a reload restores the view exactly.
 */
export function useTableState(page: string, defaults: TableDefaults): [TableState, (next: TableState) => void] {
  const route = useRoute();
  const key = route.query.toString();
  // defaults is a module constant in every page; its identity is stable.
  const state = useMemo(() => parseTableState(new URLSearchParams(key), defaults), [key, defaults]);
  const setState = useCallback((next: TableState) => navigate(page, tableStateToQuery(next, defaults)), [page, defaults]);
  return [state, setState];
}
