import { type TableState, withOrder, withPages, withSelected } from '../../state/tableState';
import type { KeysetState } from '../../hooks/useKeysetPages';

/**
 * The DataTable props every keyset-paged view wires the same way: loading state from the pages hook, and
 * "load more", order and selection written back into the URL state.
 */
export function pagedTableProps<T>(data: KeysetState<T>, state: TableState, setState: (next: TableState) => void) {
  return {
    rows: data.rows,
    status: data.status,
    error: data.error,
    onRetry: data.reload,
    busy: data.busy,
    hasMore: data.hasMore,
    onLoadMore: () => setState(withPages(state, state.pages + 1)),
    order: state.order,
    onOrder: (o: TableState['order']) => setState(withOrder(state, o)),
    selected: state.selected,
    onSelect: (k: string | null) => setState(withSelected(state, k)),
  };
}
