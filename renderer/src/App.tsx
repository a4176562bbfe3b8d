import { AuditPage } from './pages/AuditPage';
import { ChartsPage } from './pages/ChartsPage';
import { SettingsPage } from './pages/SettingsPage';
import { CatchUpProvider } from './components/catchUp/CatchUpContext';
import { NavBar } from './components/NavBar';
import { DistributionPage } from './pages/DistributionPage';
import { InventoryPage } from './pages/InventoryPage';
import { OverviewPage } from './pages/OverviewPage';
import { ReportPage } from './pages/ReportPage';
import { RetirementsPage } from './pages/RetirementsPage';
import { SinksPage } from './pages/SinksPage';
import { useRoute } from './router';

/** The pages, in navigation order. */
export const PAGES = [
  { id: 'overview', label: 'Overview', element: () => <OverviewPage /> },
  { id: 'inventory', label: 'Inventory', element: () => <InventoryPage /> },
  { id: 'sinks', label: 'Sinking transactions', element: () => <SinksPage /> },
  { id: 'retirements', label: 'Retirements', element: () => <RetirementsPage /> },
  { id: 'distribution', label: 'Distribution outflows', element: () => <DistributionPage /> },
  { id: 'audit', label: 'Audit log', element: () => <AuditPage /> },
  { id: 'report', label: 'Report', element: () => <ReportPage /> },
  { id: 'charts', label: 'Charts', element: () => <ChartsPage /> },
  { id: 'settings', label: 'Settings', element: () => <SettingsPage /> },
] as const;

export function App() {
  const route = useRoute();
  const page = PAGES.find((p) => p.id === route.page) ?? PAGES[0];
  return (
    <CatchUpProvider>
      <div className="app">
        <NavBar pages={PAGES} current={page.id} />
        <main className="content" aria-live="polite">
          {page.element()}
        </main>
      </div>
    </CatchUpProvider>
  );
}
