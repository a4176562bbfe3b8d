import { useState } from 'react';
import { api, errorText } from '../../api/client';
import { useApi } from '../../hooks/useApi';
import { useRoute } from '../../router';
import { openSavedView, savedViewHref, viewOfRoute } from '../../state/savedViews';

/** The saved views in the navigation, and "Save this view" for the page as it is now (filters and order). */
export function SavedViewsNav() {
  const route = useRoute();
  const [views] = useApi('savedViews.list', {});
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const list = views.state === 'ready' ? views.value : [];
  const current = openSavedView(route, list);
  const here = viewOfRoute(route);

  async function save() {
    if (!here) return;
    try {
      const v = await api.call('savedViews.save', { name: name.trim(), page: here.page, query: here.query });
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
