import { NavBar } from './components/NavBar';
import { OverviewPage } from './pages/OverviewPage';
import { useRoute } from './router';

/** The pages, in navigation order. Later pages register here. */
export const PAGES = [{ id: 'overview', label: 'Overview', element: () => <OverviewPage /> }] as const;

export function App() {
  const route = useRoute();
  const page = PAGES.find((p) => p.id === route.page) ?? PAGES[0];
  return (
    <div className="app">
      <NavBar pages={PAGES} current={page.id} />
      <main className="content" aria-live="polite">
        {page.element()}
      </main>
    </div>
  );
}
