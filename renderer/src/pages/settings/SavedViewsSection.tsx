import { useState } from 'react';
import type { SavedView } from '../../../../shared/api/savedViews';
import { api, errorText } from '../../api/client';
import { Time } from '../../components/TimeCell';
import { useApi } from '../../hooks/useApi';
import { savedViewHref } from '../../state/savedViews';

function SavedViewRow({ view, onMessage }: { view: SavedView; onMessage: (m: { ok: boolean; text: string }) => void }) {
  const [name, setName] = useState(view.name);
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      onMessage({ ok: true, text: done });
    } catch (err) {
      const e = errorText(err);
      onMessage({ ok: false, text: `${e.code}: ${e.message}` });
    }
  };
  const id = `saved-view-${view.name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <li className="saved-view-row" data-testid="saved-view-row">
      <a href={savedViewHref(view)}>{view.page}</a>
      <label htmlFor={id} className="visually-hidden">
        Name of the saved view {view.name}
      </label>
      <input id={id} value={name} onChange={(e) => setName(e.target.value)} maxLength={80} data-testid="saved-view-rename-input" />
      <button type="button" disabled={!name.trim() || name.trim() === view.name} onClick={() => void act(() => api.call('savedViews.rename', { name: view.name, to: name.trim() }), `Renamed to "${name.trim()}".`)}>
        Rename
      </button>
      <button type="button" onClick={() => void act(() => api.call('savedViews.delete', { name: view.name }), `Deleted "${view.name}".`)} data-testid="saved-view-delete">
        Delete
      </button>
      <span className="muted small">
        {view.query || 'no filters'} · saved <Time value={view.updatedAt} />
      </span>
    </li>
  );
}

/** The saved views (listed in the navigation): rename, delete, open. */
export function SavedViewsSection() {
  const [views] = useApi('savedViews.list', {});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const list = views.state === 'ready' ? views.value : [];
  return (
    <>
      <h2>Saved views</h2>
      <div className="form" data-testid="saved-views-section">
        {list.length === 0 ? (
          <p className="muted saved-view-list">No saved views. On any page, “Save this view…” in the navigation keeps its filters and order under a name.</p>
        ) : (
          <ul className="saved-view-list">
            {list.map((v) => (
              <SavedViewRow key={`${v.name}-${v.updatedAt}`} view={v} onMessage={setMessage} />
            ))}
          </ul>
        )}
        {message && (
          <span role="status" className={message.ok ? 'muted small' : 'error-text small'} data-testid="saved-views-status">
            {message.text}
          </span>
        )}
      </div>
    </>
  );
}
