import { useEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '../../hooks/useApi';
import { type Command, filterCommands, hitCommands, pageCommands, savedViewCommands } from './commands';

/**
 * Ctrl/⌘ K: every page, every action, the saved views, and records found by the start of their hash, id or
 * address. Typing filters; ↑/↓ move; Enter runs; Escape closes. A combobox over a listbox (ARIA 1.2 pattern).
 */
export function CommandPalette({ pages, actions, onClose }: { pages: readonly { id: string; label: string }[]; actions: Command[]; onClose: () => void }) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const [saved] = useApi('savedViews.list', {});
  const needle = text.trim().replace(/^#/, '');
  const searchable = /^[A-Za-z0-9]{2,64}$/.test(needle);
  const [found] = useApi('views.lookup', searchable ? { text: needle } : null);
  const input = useRef<HTMLInputElement>(null);
  const commands = useMemo(() => {
    const all = [...pageCommands(pages), ...actions, ...savedViewCommands(saved.state === 'ready' ? saved.value : [])];
    const hits = searchable && found.state === 'ready' ? hitCommands(found.value) : [];
    return [...hits, ...filterCommands(all, text)];
  }, [pages, actions, saved, found, searchable, text]);
  const current = Math.min(active, Math.max(0, commands.length - 1));

  useEffect(() => input.current?.focus(), []);

  function run(c: Command | undefined) {
    if (!c || c.disabled) return;
    onClose();
    c.run();
  }

  function onKeyDown(e: React.KeyboardEvent) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = commands.length;
      if (n > 0) setActive((current + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      run(commands[current]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  }

  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette" data-testid="palette">
        <input
          ref={input}
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={commands[current] ? `palette-${current}` : undefined}
          aria-label="Command, page, or the start of a hash, id or address"
          placeholder="Type a command, a page, or the start of a hash, id or address…"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          data-testid="palette-input"
        />
        <ul id="palette-list" role="listbox" aria-label="Commands" className="palette-list">
          {commands.map((c, i) => (
            <li
              key={c.id}
              id={`palette-${i}`}
              role="option"
              aria-selected={i === current}
              aria-disabled={c.disabled ? true : undefined}
              className={`palette-item${i === current ? ' active' : ''}`}
              onMouseMove={() => setActive(i)}
              onClick={() => run(c)}
              data-testid="palette-item"
            >
              <span className="palette-group">{c.group}</span>
              <span className="palette-label">{c.label}</span>
              <span className="palette-hint">{c.disabled ?? c.hint}</span>
            </li>
          ))}
          {commands.length === 0 && (
            <li className="muted palette-empty" role="option" aria-selected="false" aria-disabled="true">
              {searchable && found.state === 'loading' ? 'Searching…' : 'Nothing matches.'}
            </li>
          )}
        </ul>
      </div>
    </div>
  );
}
