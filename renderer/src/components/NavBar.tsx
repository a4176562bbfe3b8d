import { hrefFor } from '../router';
import { CatchUpPanel } from './catchUp/CatchUpPanel';
import { ExternalNotice } from './live/ExternalNotice';
import { LiveToggle } from './live/LiveToggle';
import { SavedViewsNav } from './savedViews/SavedViewsNav';

export function NavBar({ pages, current }: { pages: readonly { id: string; label: string }[]; current: string }) {
  return (
    <nav className="nav" aria-label="Main">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span>Audit Explorer</span>
        <LiveToggle />
      </div>
      <ul>
        {pages.map((p) => (
          <li key={p.id}>
            <a href={hrefFor(p.id)} aria-current={p.id === current ? 'page' : undefined}>
              {p.label}
            </a>
          </li>
        ))}
      </ul>
      <SavedViewsNav />
      <CatchUpPanel />
      <ExternalNotice />
    </nav>
  );
}
