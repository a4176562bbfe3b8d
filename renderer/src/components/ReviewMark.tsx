import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import type { MarkableTable, MarkStatus, ReviewMark } from '../../../shared/api/marks';
import { api, errorText } from '../api/client';
import { reloadMarks, useMarks } from '../hooks/useMarks';
import { StatusBadge } from './StatusBadge';
import { Time } from './TimeCell';

const ICON: Record<MarkStatus, string> = { reviewed: '✓', questioned: '?' };

function markTitle(m: ReviewMark): string {
  return `${m.status} by ${m.actor} at ${m.markedAt.replace('T', ' ').slice(0, 19)} UTC${m.note ? `: ${m.note}` : ''}`;
}

/** The `reviewed` filter's choices (the URL key is the views' param): any, with a mark, without one. */
export const REVIEWED_OPTIONS = [
  { value: '', label: 'any' },
  { value: 'yes', label: 'marked' },
  { value: 'no', label: 'not marked' },
] as const;

/** The tables' mark column: the icon, the note in its tooltip. */
export function markColumn<Row>(table: MarkableTable, keyOf: (row: Row) => string): ColumnDef<Row, unknown> {
  return { id: 'mark', header: 'Mark', size: 56, cell: ({ row }) => <MarkCell table={table} rowKey={keyOf(row.original)} /> };
}

/** A table cell: the row's review mark as an icon, the note and who marked it in its tooltip; empty without one. */
export function MarkCell({ table, rowKey }: { table: MarkableTable; rowKey: string }) {
  const m = useMarks(table).get(rowKey);
  if (!m) return null;
  return (
    <span className={`mark mark-${m.status}`} title={markTitle(m)} aria-label={markTitle(m)} data-testid="mark-cell" data-mark={m.status}>
      {ICON[m.status]}
    </span>
  );
}

/** The detail panel's mark: what it is, and the actions (mark reviewed, question, clear) with a note. */
export function MarkControl({ table, rowKey }: { table: MarkableTable; rowKey: string }) {
  const m = useMarks(table).get(rowKey);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    fn()
      .then(() => {
        setNote('');
        reloadMarks(table);
      })
      .catch((err: unknown) => setError(errorText(err).message))
      .finally(() => setBusy(false));
  };
  const set = (status: MarkStatus) => act(() => api.call('marks.set', { table, key: rowKey, status, ...(note.trim() ? { note: note.trim() } : {}) }));
  return (
    <div className="mark-control" data-testid="mark-control">
      <div>
        {m ? (
          <>
            <StatusBadge tone={m.status === 'reviewed' ? 'ok' : 'warn'}>{m.status}</StatusBadge>{' '}
            <span className="small">
              by {m.actor}, <Time value={m.markedAt} />
              {m.note && <>: {m.note}</>}
            </span>
          </>
        ) : (
          <span className="muted small">Not marked.</span>
        )}
      </div>
      <div className="mark-actions">
        <input
          type="text"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder="note (optional)"
          maxLength={2000}
          aria-label="Review note"
          data-testid="mark-note"
        />
        <button type="button" disabled={busy} onClick={() => set('reviewed')} data-testid="mark-reviewed">
          Mark reviewed
        </button>
        <button type="button" disabled={busy} onClick={() => set('questioned')} data-testid="mark-questioned">
          Question
        </button>
        {m && (
          <button type="button" disabled={busy} onClick={() => act(() => api.call('marks.clear', { table, key: rowKey }))} data-testid="mark-clear">
            Clear
          </button>
        )}
      </div>
      {error && <p className="error-text small">{error}</p>}
    </div>
  );
}
