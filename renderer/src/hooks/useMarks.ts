import { useEffect, useSyncExternalStore } from 'react';
import type { MarkableTable, ReviewMark } from '../../../shared/api/marks';
import { api } from '../api/client';

/**
 * The review marks of one table, shared by every cell and detail of a window: one 'marks.list' call per table,
 * repeated when the engine says data changed (a mark set anywhere, a catch-up). Keyed by the row's key.
 */
type Marks = ReadonlyMap<string, ReviewMark>;
const EMPTY: Marks = new Map();
const stores = new Map<MarkableTable, { marks: Marks; listeners: Set<() => void>; loading: boolean }>();

function storeOf(table: MarkableTable) {
  let s = stores.get(table);
  if (!s) {
    s = { marks: EMPTY, listeners: new Set(), loading: false };
    stores.set(table, s);
  }
  return s;
}

function load(table: MarkableTable): void {
  const s = storeOf(table);
  if (s.loading) return;
  s.loading = true;
  api
    .call('marks.list', { table })
    .then((list) => {
      s.marks = new Map(list.map((m) => [m.key, m]));
      for (const l of [...s.listeners]) l();
    })
    .catch(() => undefined)
    .finally(() => {
      s.loading = false;
    });
}

let watching = false;
function watchChanges(): void {
  if (watching) return;
  watching = true;
  api.on('data.changed', () => {
    for (const [table, s] of stores) if (s.listeners.size > 0) load(table);
  });
}

export function useMarks(table: MarkableTable): Marks {
  useEffect(() => {
    watchChanges();
    load(table);
  }, [table]);
  return useSyncExternalStore(
    (cb) => {
      const s = storeOf(table);
      s.listeners.add(cb);
      return () => s.listeners.delete(cb);
    },
    () => storeOf(table).marks,
  );
}

/** After this window set or cleared a mark: read the table's marks again now. */
export function reloadMarks(table: MarkableTable): void {
  load(table);
}
