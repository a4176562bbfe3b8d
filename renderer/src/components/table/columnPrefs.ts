import { useCallback, useState } from 'react';
import type { ColumnSizingState, VisibilityState } from '@tanstack/react-table';

/**
 * Column visibility and widths are a per-user preference, not part of the view's permalink: kept in
 * localStorage per table, so every link opens with the viewer's own layout.
 */
export interface ColumnPrefs {
  visibility: VisibilityState;
  sizing: ColumnSizingState;
}

const PREFIX = 'sc-columns:';

function read(tableId: string): ColumnPrefs {
  try {
    const raw = localStorage.getItem(PREFIX + tableId);
    if (raw) {
      const parsed = JSON.parse(raw) as Partial<ColumnPrefs>;
      return { visibility: parsed.visibility ?? {}, sizing: parsed.sizing ?? {} };
    }
  } catch {
    // A corrupt preference is ignored: defaults are fine.
  }
  return { visibility: {}, sizing: {} };
}

export function useColumnPrefs(tableId: string, defaultHidden: readonly string[] = []): [ColumnPrefs, (next: ColumnPrefs) => void] {
  const [prefs, setPrefs] = useState<ColumnPrefs>(() => {
    const stored = read(tableId);
    const visibility = { ...Object.fromEntries(defaultHidden.map((c) => [c, false])), ...stored.visibility };
    return { ...stored, visibility };
  });
  const update = useCallback(
    (next: ColumnPrefs) => {
      setPrefs(next);
      try {
        localStorage.setItem(PREFIX + tableId, JSON.stringify(next));
      } catch {
        // Storage full or off: the preference lasts for this session only.
      }
    },
    [tableId],
  );
  return [prefs, update];
}
