import { useEffect, useState } from 'react';
import { api, errorText } from '../../api/client';
import { useApi } from '../../hooks/useApi';
import { useRoute } from '../../router';
import { applySavedColumns, currentTable } from '../../state/currentTable';
import { openSavedView, savedViewHref, viewOfRoute } from '../../state/savedViews';

/** The saved views in the navigation, and "Save this view" for the page as it is now (filters, order, columns). */
export function SavedViewsNav() {
  const route = useRoute();
  const [views] = useApi('savedViews.list', {});
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const list = views.state === 'ready' ? views.value : [];
  const current = openSavedView(route, list);
  const here = viewOfRoute(route);
  // Opening a saved view applies its columns (once per opening; the table is the viewer's to change after).
  const opened = current ? `${current.name}\u0000${current.updatedAt}\u0000${window.location.hash}` : null;
  useEffect(() => {
    if (!current?.hiddenColumns) return;
    // The page (lazily loaded) may not have its table yet: it takes the columns when it registers.
    return applySavedColumns(current.page, current.hiddenColumns);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened]);

  async function save() {
    if (!here) return;
    try {
      const v = await api.call('savedViews.save', { name: name.trim(), page: here.page, query: here.query, hiddenColumns: currentTable().hiddenColumns?.() ?? null });
      setNaming(false);
      setName('');
      setError(null);
      window.location.hash = savedViewHref(v);
    } catch (err) {
      setError(errorText(err).message);
    }
  }

  return (
    <div className="saved-views" data-testid="saved-views">
      <h2 className="nav-heading">Saved views</h2>
      {list.length === 0 && <p className="muted small">None yet.</p>}
      <ul>
        {list.map((v) => (
          <li key={v.name}>
            <a href={savedViewHref(v)} aria-current={current?.name === v.name ? 'page' : undefined} data-testid="saved-view-link">
              {v.name}
            </a>
          </li>
        ))}
      </ul>
      {naming ? (
        <form
          className="saved-view-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label htmlFor="saved-view-name" className="small">
            Name of this view
          </label>
          <input id="saved-view-name" value={name} onChange={(e) => setName(e.target.value)} autoFocus maxLength={80} data-testid="saved-view-name" />
          <span className="actions-row">
            <button type="submit" disabled={!name.trim()} data-testid="saved-view-save">
              Save
            </button>
            <button type="button" onClick={() => setNaming(false)}>
              Cancel
            </button>
          </span>
          {error && (
            <span role="alert" className="error-text small">
              {error}
            </span>
          )}
        </form>
      ) : (
        here && (
          <button type="button" className="link-button small" onClick={() => setNaming(true)} data-testid="saved-view-new">
            Save this view…
          </button>
        )
      )}
    </div>
  );
}
