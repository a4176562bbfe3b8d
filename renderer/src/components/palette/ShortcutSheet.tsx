import { useEffect, useRef } from 'react';
import { ACTION_KEYS, PAGE_KEYS } from './commands';

const ACTIONS: [string, string][] = [
  [ACTION_KEYS.palette, 'Command palette: pages, actions, saved views, find a record'],
  [ACTION_KEYS.sheet, 'This sheet'],
  [ACTION_KEYS.catchUp, 'Catch up'],
  [ACTION_KEYS.verify, 'Run verify'],
  [ACTION_KEYS.exportCsv, 'Export the current view as CSV'],
  [ACTION_KEYS.exportJson, 'Export the current view as JSON'],
  [ACTION_KEYS.filter, 'Go to the first filter'],
  ['↑ ↓ Home End PgUp PgDn', 'In a table: move the selection (its detail follows)'],
  ['Enter', 'In a table: into the selected row’s detail'],
  ['Escape', 'Close the detail, the palette or this sheet'],
];

/** "?": every shortcut on one sheet (the same table the handler and the palette read). */
export function ShortcutSheet({ pages, onClose }: { pages: readonly { id: string; label: string }[]; onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="palette sheet" role="dialog" aria-modal="true" aria-labelledby="sheet-title" data-testid="shortcut-sheet">
        <header className="detail-head">
          <h2 id="sheet-title">Keyboard shortcuts</h2>
          <button type="button" ref={close} className="icon-button" aria-label="Close shortcuts" onClick={onClose}>
            ×
          </button>
        </header>
        <dl className="sheet-list">
          {ACTIONS.map(([k, what]) => (
            <div key={k}>
              <dt>
                <kbd>{k}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
          {pages
            .filter((p) => PAGE_KEYS[p.id])
            .map((p) => (
              <div key={p.id}>
                <dt>
                  <kbd>g {PAGE_KEYS[p.id]}</kbd>
                </dt>
                <dd>Go to {p.label}</dd>
              </div>
            ))}
        </dl>
      </div>
    </div>
  );
}
