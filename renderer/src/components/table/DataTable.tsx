import { type ColumnDef, type Row, createRow, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SortOrder } from '../../state/tableState';
import { ErrorState } from '../StatusViews';
import { ColumnMenu } from './ColumnMenu';
import { columnMeta as meta } from './columnMeta';
import { registerTable } from '../../state/currentTable';
import { useRoute } from '../../router';
import { useColumnPrefs } from './columnPrefs';
import { TableRow } from './TableRow';

export interface DataTableProps<T> {
  /** Stable id: column preferences and test ids derive from it. */
  id: string;
  label: string;
  columns: ColumnDef<T, unknown>[];
  rows: T[];
  rowKey: (row: T) => string;
  status: 'loading' | 'ready' | 'error';
  error?: { code: string; message: string } | null;
  onRetry?: () => void;
  busy?: boolean;
  hasMore?: boolean;
  onLoadMore?: () => void;
  order?: SortOrder;
  onOrder?: (order: SortOrder) => void;
  selected?: string | null;
  onSelect?: (key: string | null) => void;
  /** What to show when no row matches: say why and what to do. */
  empty: ReactNode;
  toolbar?: ReactNode;
  showTotals?: boolean;
  /**
   * Footer cells by column id. Kept out of the column definitions so that a changing sum (more rows loaded)
   * re-renders the footer only, not every column and row.
   */
  totals?: Partial<Record<string, ReactNode>>;
  defaultHidden?: readonly string[];
  /** A short count line, e.g. "120 rows loaded". */
  footnote?: ReactNode;
}

const ROW_HEIGHT = 30;

/**
 * The reusable table: server-side filter/sort/keyset paging (the page passes rows and "load more"), rows
 * virtualized in a scroll box with a sticky header, column visibility and resizable widths, a totals row,
 * keyboard navigation (↑/↓/Home/End/PageUp/PageDown move the selection, Enter goes into its detail, Escape clears
 * it).
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { id, label, columns, rows, rowKey, status, error, selected, onSelect } = props;
  const [prefs, setPrefs] = useColumnPrefs(id, props.defaultHidden);
  // TanStack Table is not React-Compiler-memoizable; this component does not rely on compiler memoization.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => rowKey(row),
    columnResizeMode: 'onChange',
    defaultColumn: { size: 140, minSize: 50, maxSize: 800 },
    state: { columnVisibility: prefs.visibility, columnSizing: prefs.sizing },
    onColumnVisibilityChange: (u) => setPrefs({ ...prefs, visibility: typeof u === 'function' ? u(prefs.visibility) : u }),
    onColumnSizingChange: (u) => setPrefs({ ...prefs, sizing: typeof u === 'function' ? u(prefs.sizing) : u }),
  });
  // Saved views read and set the columns; opening one applies its columns once (then they are the viewer's again).
  const prefsRef = useRef(prefs);
  const { page } = useRoute();
  useEffect(() => {
    prefsRef.current = prefs;
  });
  useEffect(
    () =>
      registerTable({
        id,
        page,
        hiddenColumns: () => Object.entries(prefsRef.current.visibility).filter(([, shown]) => !shown).map(([col]) => col),
        setHiddenColumns: (hidden) =>
          setPrefs({ ...prefsRef.current, visibility: Object.fromEntries(table.getAllLeafColumns().map((c) => [c.id, !hidden.includes(c.id)])) }),
      }),
    [id, page, setPrefs, table],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // Rows in view are drawn in a task of their own, not inside the scroll event (the default flushSync makes one
    // long task of the event, the render, and the layout that follows); the overscan covers a wheel step meanwhile.
    useFlushSync: false,
    overscan: 16,
  });
  // Row objects for the rows in view only, each made once: react-table's row model would make one for every loaded
  // row each time a page comes in (5,000 at 50 pages). Rows are never sorted or filtered here (the server does).
  // A table's rows are records (API rows), so they can key a WeakMap.
  const [rowObjects] = useState(() => new WeakMap<object, Row<T>>());
  const rowAt = (index: number): Row<T> | undefined => {
    const original = rows[index];
    if (original === undefined) return undefined;
    let row = rowObjects.get(original as object);
    if (!row) rowObjects.set(original as object, (row = createRow(table, rowKey(original), original, index, 0)));
    return row;
  };
  const selectedIndex = useMemo(() => (selected ? rows.findIndex((r) => rowKey(r) === selected) : -1), [rows, rowKey, selected]);
  const headers = table.getFlatHeaders();
  const width = table.getTotalSize();
  const template = headers.map((h) => `${h.getSize()}px`).join(' ');

  const onSelectRef = useRef(onSelect);
  useEffect(() => {
    onSelectRef.current = onSelect;
  });
  const toggle = useCallback((key: string, isSel: boolean) => onSelectRef.current?.(isSel ? null : key), []);

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (!onSelect || rows.length === 0) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 300) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    let next: number | null = null;
    if (e.key in moves) next = Math.min(rows.length - 1, Math.max(0, (selectedIndex < 0 ? -1 : selectedIndex) + (moves[e.key] ?? 0)));
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = rows.length - 1;
    else if (e.key === 'Escape' && selected) {
      onSelect(null);
      e.preventDefault();
      return;
    } else if (e.key === 'Enter' && selected) {
      // Into the selected row's detail: its first link or button (Escape there closes it and comes back here).
      const first = document.querySelector<HTMLElement>('.detail .detail-body a[href], .detail .detail-body button');
      if (first) {
        e.preventDefault();
        first.focus();
      }
      return;
    }
    if (next === null) return;
    e.preventDefault();
    const row = rows[next];
    if (row) onSelect(rowKey(row));
  }

  const items = virtualizer.getVirtualItems();
  const showEmpty = status === 'ready' && rows.length === 0;

  return (
    <div className="datatable" data-testid={`table-${id}`}>
      <div className="table-toolbar">
        {props.toolbar}
        <span className="spacer" />
        {props.busy && status === 'ready' && <span className="muted small" role="status">Refreshing…</span>}
        <ColumnMenu table={table} />
      </div>
      <div
        className="table-scroll"
        ref={scrollRef}
        role="grid"
        aria-label={label}
        aria-rowcount={rows.length + 1}
        aria-busy={status === 'loading' || props.busy}
        tabIndex={0}
        onKeyDown={onKeyDown}
        aria-activedescendant={selectedIndex >= 0 ? `${id}-row-${selectedIndex}` : undefined}
      >
        <div className="table-inner" style={{ width: `max(100%, ${width}px)` }}>
          <div className="thead" role="row" style={{ gridTemplateColumns: template }}>
            {headers.map((h) => {
              const m = meta(h.column);
              const sortable = m.serverSort && props.onOrder;
              return (
                <div
                  key={h.id}
                  role="columnheader"
                  className={`th${m.numeric ? ' num' : ''}`}
                  aria-sort={m.serverSort ? (props.order === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {sortable ? (
                    <button
                      type="button"
                      className="sort-button"
                      title="Sort by this column (the server's order)"
                      onClick={() => props.onOrder?.(props.order === 'asc' ? 'desc' : 'asc')}
                    >
                      {flexRender(h.column.columnDef.header, h.getContext())}
                      <span aria-hidden="true">{props.order === 'asc' ? ' ▲' : ' ▼'}</span>
                    </button>
                  ) : (
                    flexRender(h.column.columnDef.header, h.getContext())
                  )}
                  <span
                    className={`resizer${h.column.getIsResizing() ? ' resizing' : ''}`}
                    onMouseDown={h.getResizeHandler()}
                    onDoubleClick={() => h.column.resetSize()}
                    role="separator"
                    aria-orientation="vertical"
                    aria-label={`Resize column`}
                  />
                </div>
              );
            })}
          </div>
          {status === 'loading' && (
            <div className="table-placeholder" role="status">
              Loading…
            </div>
          )}
          {status === 'error' && error && (
            <div className="table-placeholder">
              <ErrorState code={error.code} message={error.message} onRetry={props.onRetry} />
            </div>
          )}
          {showEmpty && (
            <div className="table-placeholder empty" data-testid="table-empty">
              {props.empty}
            </div>
          )}
          {rows.length > 0 && (
            <div className="tbody" style={{ height: `${virtualizer.getTotalSize()}px` }}>
              {items.map((vi) => {
                const row = rowAt(vi.index);
                if (!row) return null;
                return (
                  <TableRow
                    key={row.id}
                    tableId={id}
                    row={row}
                    index={vi.index}
                    start={vi.start}
                    height={ROW_HEIGHT}
                    template={template}
                    selected={row.id === selected}
                    columns={columns}
                    visibility={prefs.visibility}
                    onToggle={toggle}
                  />
                );
              })}
            </div>
          )}
          {props.showTotals && rows.length > 0 && (
            <div className="tfoot" role="row" style={{ gridTemplateColumns: template }} data-testid="totals-row">
              {headers.map((h, i) => (
                <div key={h.id} role="gridcell" className={`td${meta(h.column).numeric ? ' num' : ''}`} data-col={h.column.id}>
                  {props.totals?.[h.column.id] ?? (i === 0 ? <strong title={props.hasMore ? 'Sum of the loaded rows' : 'Sum of all matching rows'}>Total</strong> : null)}
                </div>
              ))}
            </div>
          )}
        </div>
      </div>
      <div className="table-footer">
        <span className="muted small" data-testid="row-count">
          {props.footnote ?? `${rows.length} ${rows.length === 1 ? 'row' : 'rows'}${props.hasMore ? ' loaded' : ''}`}
        </span>
        {props.hasMore && props.onLoadMore && (
          <button type="button" onClick={props.onLoadMore} disabled={props.busy} data-testid="load-more">
            {props.busy ? 'Loading…' : 'Load more'}
          </button>
        )}
      </div>
    </div>
  );
}
