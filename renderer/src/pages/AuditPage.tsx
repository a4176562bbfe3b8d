import { hrefFor, useRoute } from '../router';
import { ChangesTab } from './audit/ChangesTab';
import { OperationsTab } from './audit/OperationsTab';
import { ProvenanceTab } from './audit/ProvenanceTab';
import { VerifyTab } from './audit/VerifyTab';

const TABS = [
  { id: 'operations', label: 'Operations' },
  { id: 'changes', label: 'Changes' },
  { id: 'verify', label: 'Verify' },
  { id: 'provenance', label: 'Provenance' },
] as const;

/** The audit trail: operations (who did what, with parameters and results), row changes with diffs, verify. */
export function AuditPage() {
  const tab = useRoute().query.get('tab') ?? 'operations';
  return (
    <section className="page table-page" aria-labelledby="audit-title">
      <div className="page-head">
        <h1 id="audit-title">Audit log</h1>
        <p>Every operation and every change to the data, hash-chained; verify, and the provenance of rows taken from published data.</p>
      </div>
      <nav className="tabs" aria-label="Audit log sections">
        {TABS.map((t) => (
          <a key={t.id} href={hrefFor('audit', { tab: t.id })} aria-current={t.id === tab ? 'page' : undefined} data-testid={`tab-${t.id}`}>
            {t.label}
          </a>
        ))}
      </nav>
      {tab === 'changes' ? <ChangesTab /> : tab === 'verify' ? <VerifyTab /> : tab === 'provenance' ? <ProvenanceTab /> : <OperationsTab />}
    </section>
  );
}
