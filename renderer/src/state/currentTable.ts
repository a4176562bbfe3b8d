import type { ExportFormat } from '../../../shared/api/export';

/**
 * The table on the page now (one per page): what saved views and the command palette ask of it — its hidden
 * columns, to set them, and to export the current view. A table registers itself while mounted.
 */
export interface CurrentTable {
  id: string;
  hiddenColumns: () => string[];
  setHiddenColumns: (hidden: readonly string[]) => void;
  exportAs?: (format: ExportFormat) => void;
}

let current: Partial<CurrentTable> & { id?: string } = {};

/** Registers part of the current table (DataTable: columns; ExportButton: export); returns the unregister. */
export function registerTable(part: Partial<CurrentTable>): () => void {
  current = { ...current, ...part };
  return () => {
    const next = { ...current };
    for (const k of Object.keys(part) as (keyof CurrentTable)[]) if (next[k] === part[k]) delete next[k];
    current = next;
  };
}

export function currentTable(): Partial<CurrentTable> {
  return current;
}
