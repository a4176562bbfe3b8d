import { hrefFor, useRoute } from '../router';
import type { TableDefaults } from '../state/tableState';
import { useTableState } from '../hooks/useTableState';
import { CHANGE_DEFAULTS, ChangesTab } from './audit/ChangesTab';
import { OPERATION_DEFAULTS, OperationsTab } from './audit/OperationsTab';
import { PROVENANCE_DEFAULTS, ProvenanceTab } from './audit/ProvenanceTab';
import { VerifyTab } from './audit/VerifyTab';

const TABS = [
  { id: 'operations', label: 'Operations' },
  { id: 'changes', label: 'Changes' },
  { id: 'verify', label: 'Verify' },
  { id: 'provenance', label: 'Provenance' },
] as const;
const VERIFY_DEFAULTS: TableDefaults = { filterKeys: ['tab'] };

/** The audit trail: operations (who did what, with parameters and results), row changes with diffs, verify. */
export function AuditPage() {
  const tab = useRoute().query.get('tab') ?? 'operations';
  const defaults = tab === 'changes' ? CHANGE_DEFAULTS : tab === 'verify' ? VERIFY_DEFAULTS : tab === 'provenance' ? PROVENANCE_DEFAULTS : OPERATION_DEFAULTS;
  const [state, setState] = useTableState('audit', defaults);
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
      {tab === 'changes' ? (
        <ChangesTab state={state} setState={setState} />
      ) : tab === 'verify' ? (
        <VerifyTab />
      ) : tab === 'provenance' ? (
        <ProvenanceTab state={state} setState={setState} />
      ) : (
        <OperationsTab state={state} setState={setState} />
      )}
    </section>
  );
}
