import { type ComponentType, type ReactElement, lazy, Suspense } from 'react';
import { APP_PAGES, type AppPageId } from '../../shared/appCommands';
import { KeyboardLayer } from './components/palette/KeyboardLayer';
import { CatchUpProvider } from './components/catchUp/CatchUpContext';
import { NavBar } from './components/NavBar';
import { Loading } from './components/StatusViews';
import { useRoute } from './router';

/**
 * A page's code is loaded when the page is first shown (its own chunk): the first paint waits only for the shell
 * and the page asked for, and the charts library comes with the Charts page alone.
 */
function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): () => ReactElement {
  const Page: ComponentType = lazy(() => load().then((m): { default: ComponentType } => ({ default: m[name] })));
  return () => <Page />;
}

const PAGE_ELEMENTS: Record<AppPageId, () => ReactElement> = {
  overview: lazyPage(() => import('./pages/OverviewPage'), 'OverviewPage'),
  inventory: lazyPage(() => import('./pages/InventoryPage'), 'InventoryPage'),
  sinks: lazyPage(() => import('./pages/SinksPage'), 'SinksPage'),
  retirements: lazyPage(() => import('./pages/RetirementsPage'), 'RetirementsPage'),
  distribution: lazyPage(() => import('./pages/DistributionPage'), 'DistributionPage'),
  drift: lazyPage(() => import('./pages/DriftPage'), 'DriftPage'),
  audit: lazyPage(() => import('./pages/AuditPage'), 'AuditPage'),
  report: lazyPage(() => import('./pages/ReportPage'), 'ReportPage'),
  charts: lazyPage(() => import('./pages/ChartsPage'), 'ChartsPage'),
  settings: lazyPage(() => import('./pages/SettingsPage'), 'SettingsPage'),
};

/** The pages, in navigation order: the one list the desktop menu's View items come from too (shared/appCommands.ts). */
export const PAGES = APP_PAGES.map((p) => ({ ...p, element: PAGE_ELEMENTS[p.id] }));

export function App() {
  const route = useRoute();
  const page = PAGES.find((p) => p.id === route.page) ?? { ...APP_PAGES[0], element: PAGE_ELEMENTS.overview };
  return (
    <CatchUpProvider>
      <div className="app">
        <NavBar pages={PAGES} current={page.id} />
        <main className="content" aria-live="polite">
          <Suspense fallback={<Loading />}>{page.element()}</Suspense>
        </main>
        <KeyboardLayer pages={PAGES} />
      </div>
    </CatchUpProvider>
  );
}
