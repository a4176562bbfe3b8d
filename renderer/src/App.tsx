import { type ComponentType, type ReactElement, lazy, Suspense } from 'react';
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

/** The pages, in navigation order. */
export const PAGES = [
  { id: 'overview', label: 'Overview', element: lazyPage(() => import('./pages/OverviewPage'), 'OverviewPage') },
  { id: 'inventory', label: 'Inventory', element: lazyPage(() => import('./pages/InventoryPage'), 'InventoryPage') },
  { id: 'sinks', label: 'Sinking transactions', element: lazyPage(() => import('./pages/SinksPage'), 'SinksPage') },
  { id: 'retirements', label: 'Retirements', element: lazyPage(() => import('./pages/RetirementsPage'), 'RetirementsPage') },
  { id: 'distribution', label: 'Distribution outflows', element: lazyPage(() => import('./pages/DistributionPage'), 'DistributionPage') },
  { id: 'drift', label: 'Registry drift', element: lazyPage(() => import('./pages/DriftPage'), 'DriftPage') },
  { id: 'audit', label: 'Audit log', element: lazyPage(() => import('./pages/AuditPage'), 'AuditPage') },
  { id: 'report', label: 'Report', element: lazyPage(() => import('./pages/ReportPage'), 'ReportPage') },
  { id: 'charts', label: 'Charts', element: lazyPage(() => import('./pages/ChartsPage'), 'ChartsPage') },
  { id: 'settings', label: 'Settings', element: lazyPage(() => import('./pages/SettingsPage'), 'SettingsPage') },
] as const;

export function App() {
  const route = useRoute();
  const page = PAGES.find((p) => p.id === route.page) ?? PAGES[0];
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
