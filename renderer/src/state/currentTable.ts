import type { ExportFormat } from '../../../shared/api/export';

/**
 * The table on the page now (one per page): what saved views and the command palette ask of it — its hidden
 * columns, to set them, and to export the current view. A table registers itself while mounted, with its page.
 */
export interface CurrentTable {
  id: string;
  /** The route page the table is shown on. */
  page: string;
  hiddenColumns: () => string[];
  setHiddenColumns: (hidden: readonly string[]) => void;
  exportAs?: (format: ExportFormat) => void;
}

let current: Partial<CurrentTable> = {};
const watchers = new Set<() => void>();
function changed(next: Partial<CurrentTable>): void {
  current = next;
  for (const cb of [...watchers]) cb();
}
/** Columns a saved view asked for before its page's table was there (pages load lazily). */
let pending: { page: string; hidden: readonly string[] } | null = null;

/** Registers part of the current table (DataTable: columns; ExportButton: export); returns the unregister. */
export function registerTable(part: Partial<CurrentTable>): () => void {
  changed({ ...current, ...part });
  if (pending && part.setHiddenColumns && part.page === pending.page) {
    const { hidden } = pending;
    pending = null;
    part.setHiddenColumns(hidden);
  }
  return () => {
    const next = { ...current };
    for (const k of Object.keys(part) as (keyof CurrentTable)[]) if (next[k] === part[k]) delete next[k];
    changed(next);
  };
}

export function currentTable(): Partial<CurrentTable> {
  return current;
}

/** For useSyncExternalStore: what can be done with the current table (e.g. the menu's export) follows the page. */
export function subscribeTable(cb: () => void): () => void {
  watchers.add(cb);
  return () => watchers.delete(cb);
}

/**
 * Hides the given columns of the table on `page`: now if it is shown, else as soon as it registers. Returns the
 * cancel (a route left before the table came drops the request).
 */
export function applySavedColumns(page: string, hidden: readonly string[]): () => void {
  if (current.page === page && current.setHiddenColumns) {
    current.setHiddenColumns(hidden);
    pending = null;
    return () => {};
  }
  const request = { page, hidden };
  pending = request;
  return () => {
    if (pending === request) pending = null;
  };
}
