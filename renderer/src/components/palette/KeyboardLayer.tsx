import { useEffect, useRef, useState } from 'react';
import { navigate } from '../../router';
import { CommandPalette } from './CommandPalette';
import { ACTION_KEYS, PAGE_KEYS } from './commands';
import { ShortcutSheet } from './ShortcutSheet';
import { useAppCommands } from './useAppCommands';
import { useActions } from './useActions';

/** Typing into a field (or a select) keeps its keys: single-key shortcuts apply elsewhere only. */
function typing(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  return !!t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
}

/**
 * The app's keyboard: Ctrl/⌘ K opens the palette anywhere; elsewhere than in a field, "?" the shortcut sheet,
 * "g" + a key a page, and one key each for the frequent actions. The actions report on one status line.
 * The desktop menu sends 'app.command' events that run the same actions.
 */
export function KeyboardLayer({ pages }: { pages: readonly { id: string; label: string }[] }) {
  const [open, setOpen] = useState<'palette' | 'sheet' | null>(null);
  const { actions, status, say, clearStatus } = useActions();
  // The desktop menu's items run the same actions (and open the palette or this sheet).
  useAppCommands({ actions, say, openPalette: () => setOpen('palette'), openShortcuts: () => setOpen('sheet') });
  const pendingG = useRef(0);
  const byId = (id: string) => actions.find((a) => a.id === id);
  const actionsRef = useRef(byId);
  useEffect(() => {
    actionsRef.current = byId;
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setOpen((o) => (o === 'palette' ? null : 'palette'));
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e) || document.querySelector('[aria-modal="true"]')) return;
      const run = (id: string) => {
        const a = actionsRef.current(id);
        if (a && !a.disabled) {
          e.preventDefault();
          a.run();
        }
      };
      if (Date.now() - pendingG.current < 1500) {
        pendingG.current = 0;
        const page = Object.entries(PAGE_KEYS).find(([, k]) => k === e.key)?.[0];
        if (page) {
          e.preventDefault();
          navigate(page);
        }
        return;
      }
      if (e.key === 'g') pendingG.current = Date.now();
      else if (e.key === '?') {
        e.preventDefault();
        setOpen('sheet');
      } else if (e.key === ACTION_KEYS.catchUp) run('action:catch-up');
      else if (e.key === ACTION_KEYS.verify) run('action:verify');
      else if (e.key === ACTION_KEYS.exportCsv) run('action:export-csv');
      else if (e.key === 'E' && e.shiftKey) run('action:export-json');
      else if (e.key === ACTION_KEYS.filter) {
        const first = document.querySelector<HTMLElement>('main .filters input, main .filters select');
        if (first) {
          e.preventDefault();
          first.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      {open === 'palette' && <CommandPalette pages={pages} actions={actions} onClose={() => setOpen(null)} />}
      {open === 'sheet' && <ShortcutSheet pages={pages} onClose={() => setOpen(null)} />}
      {status && (
        <div className="toast" role="status" data-testid="action-status">
          <span>{status}</span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={clearStatus}>
            ×
          </button>
        </div>
      )}
    </>
  );
}
