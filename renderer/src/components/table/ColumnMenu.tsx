import { useEffect, useRef, useState } from 'react';
import type { Table } from '@tanstack/react-table';

/** "Columns" menu: show or hide each column; the choice persists per table. */
export function ColumnMenu<T>({ table }: { table: Table<T> }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  return (
    <div className="menu" ref={ref}>
      <button type="button" aria-expanded={open} aria-haspopup="true" onClick={() => setOpen((o) => !o)}>
        Columns
      </button>
      {open && (
        <div className="menu-pop" role="group" aria-label="Visible columns">
          {table.getAllLeafColumns().map((col) => (
            <label key={col.id} className="menu-item">
              <input type="checkbox" checked={col.getIsVisible()} disabled={!col.getCanHide()} onChange={col.getToggleVisibilityHandler()} />
              {typeof col.columnDef.header === 'string' ? col.columnDef.header : col.id}
            </label>
          ))}
          <button type="button" className="link-button" onClick={() => table.resetColumnSizing()}>
            Reset widths
          </button>
        </div>
      )}
    </div>
  );
}
