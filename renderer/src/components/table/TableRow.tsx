import { type Row, type VisibilityState, flexRender } from '@tanstack/react-table';
import { memo } from 'react';
import { columnMeta } from './columnMeta';

export interface TableRowProps<T> {
  tableId: string;
  row: Row<T>;
  /** The row's place in the loaded list, and its offset in the scroll box (px). */
  index: number;
  start: number;
  height: number;
  /** The grid's `grid-template-columns` (the column widths). */
  template: string;
  selected: boolean;
  /** What the cells are drawn from besides the row: the column definitions and which of them are shown. */
  columns: unknown;
  visibility: VisibilityState;
  /** Selects the row, or clears the selection when it is the selected one; stable across renders. */
  onToggle: (key: string, selected: boolean) => void;
}

function TableRowCells<T>({ tableId, row, index, start, height, template, selected, onToggle }: TableRowProps<T>) {
  return (
    <div
      id={`${tableId}-row-${index}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-key={row.id}
      className={`tr${selected ? ' selected' : ''}${index % 2 ? ' odd' : ''}`}
      style={{ transform: `translateY(${start}px)`, gridTemplateColumns: template, height: `${height}px` }}
      onClick={() => onToggle(row.id, selected)}
    >
      {row.getVisibleCells().map((cell) => (
        <div key={cell.id} role="gridcell" className={`td${columnMeta(cell.column).numeric ? ' num' : ''}`} data-col={cell.column.id}>
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </div>
      ))}
    </div>
  );
}

/**
 * Redrawn only when what it shows changes: the table re-renders on every scroll step and every loaded page (new
 * react-table row objects over the same data), and a row that stays in view keeps its cells.
 */
function sameRow<T>(a: TableRowProps<T>, b: TableRowProps<T>): boolean {
  return (
    a.row.original === b.row.original &&
    a.row.id === b.row.id &&
    a.index === b.index &&
    a.start === b.start &&
    a.height === b.height &&
    a.template === b.template &&
    a.selected === b.selected &&
    a.columns === b.columns &&
    a.visibility === b.visibility &&
    a.onToggle === b.onToggle &&
    a.tableId === b.tableId
  );
}

/** One virtualized row of a DataTable. */
export const TableRow = memo(TableRowCells, sameRow) as typeof TableRowCells;
