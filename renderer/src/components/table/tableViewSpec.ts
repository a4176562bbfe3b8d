import type { ColumnDef } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import type { MethodName, Params, Result } from '../../../../shared/contract';
import type { KeysetPage } from '../../hooks/useKeysetPages';
import type { SumColumns } from '../../state/pageSums';
import type { ExportTarget } from '../ExportButton';
import type { TableDefaults, TableState } from '../../state/tableState';

/** A list method's row: `{ rows: Row[] }` pages, or a plain array (a list small enough to come whole). */
export type RowOf<K extends MethodName> = Result<K> extends { rows: (infer R)[] } ? R : Result<K> extends (infer R)[] ? R : never;
/** A keyset-paged method's cursor (what `nextCursor` holds); never for a list that comes whole. */
export type CursorOf<K extends MethodName> = Result<K> extends { nextCursor: infer C } ? NonNullable<C> : never;

/** One filter of the filter bar. Its key is the method's param name, and so the URL key. */
export interface FilterSpec<K extends MethodName> {
  key: keyof Params<K> & string;
  label: string;
  kind: 'text' | 'date' | 'select';
  /** select only; '' is "any". */
  options?: readonly { value: string; label: string }[];
  placeholder?: string;
  wide?: boolean;
  testId?: string;
}

/** What a detail panel is drawn from: the selection, the loaded rows and the URL state. */
export interface DetailContext<Row> {
  selected: string | null;
  rows: Row[];
  state: TableState;
  setState: (next: TableState) => void;
  close: () => void;
}

/** A table view: one list method, its filters, columns, totals, export and detail, drawn by `<TableView>`. */
export interface TableViewSpec<K extends MethodName> {
  /** The route whose URL holds the view's state ('sinks', 'audit'…). */
  page: string;
  /** The table's id (column preferences, test ids). */
  id: string;
  label: string;
  method: K;
  /** URL keys the view always keeps, e.g. the audit log's tab; "Clear filters" leaves them. */
  fixed?: Readonly<Record<string, string>>;
  filters: readonly FilterSpec<K>[];
  /** The server sorts (param `order`, the keyset's direction) and the URL says which way. */
  sortable?: boolean;
  /** One page (or the whole list) of the method for the validated params; the type checker sees the call. */
  fetchPage: (params: Params<K>, cursor: CursorOf<K> | null) => Promise<KeysetPage<RowOf<K>, CursorOf<K>>>;
  columns: ColumnDef<RowOf<K>, unknown>[];
  rowKey: (row: RowOf<K>) => string;
  /** The totals row: by column id, the amount of a row that the column's total adds up (over the loaded rows). */
  totals?: SumColumns<RowOf<K>>;
  defaultHidden?: readonly string[];
  /** The export of every matching row: the view's validated params as the export request's filters. */
  exportAs?: (params: Params<K>) => ExportTarget;
  detail?: (ctx: DetailContext<RowOf<K>>) => ReactNode;
  /** Said when no row matches; `filtered` when a filter is set. */
  empty: { filtered: ReactNode; none: ReactNode };
}

export interface TableView<K extends MethodName> extends TableViewSpec<K> {
  defaults: TableDefaults;
}

/** A view spec with its URL defaults computed once (their identity must be stable across renders). */
export function defineTableView<K extends MethodName>(spec: TableViewSpec<K>): TableView<K> {
  return { ...spec, defaults: { filterKeys: [...Object.keys(spec.fixed ?? {}), ...spec.filters.map((f) => f.key)], order: 'desc' } };
}
