import { DRIFT_KINDS, type DriftKind, type DriftRow } from '../../../shared/api/drift';
import { api } from '../api/client';
import { Hash } from '../components/AddressCell';
import { type BadgeTone, StatusBadge } from '../components/StatusBadge';
import { TableView } from '../components/table/TableView';
import { defineTableView } from '../components/table/tableViewSpec';
import { TextCell } from '../components/TextCell';
import { Time } from '../components/TimeCell';
import { anyOf } from './audit/dataTables';
import { linkToRetirement, linkToSink } from './links';

const PAGE_SIZE = 100;

const KIND_TONE: Record<DriftKind, BadgeTone> = { removed: 'danger', reassigned: 'danger', edited: 'warn', restored: 'muted' };

function Subject({ row }: { row: DriftRow }) {
  if (row.source === 'retirement') return <a href={linkToRetirement(row.subject)}>certificate {row.subject}</a>;
  return <span className="mono" title={row.subject}>{row.subject}</span>;
}

function CoveredSales({ hashes }: { hashes: string | null }) {
  if (!hashes) return <span className="muted">none</span>;
  return (
    <>
      {hashes.split(' ').map((h) => (
        <Hash key={h} value={h} href={linkToSink(h)} />
      ))}
    </>
  );
}

export const driftView = defineTableView({
  page: 'drift',
  id: 'drift',
  label: 'Registry drift',
  method: 'views.drift',
  sortable: true,
  filters: [
    { key: 'source', label: 'Source', kind: 'select', options: [{ value: '', label: 'any' }, { value: 'retirement', label: 'retirements' }, { value: 'pool_batch', label: 'pool batches' }] },
    { key: 'kind', label: 'Kind', kind: 'select', testId: 'filter-kind', options: anyOf(DRIFT_KINDS) },
    { key: 'subject', label: 'Certificate or serial', kind: 'text', wide: true },
  ],
  fetchPage: (params, cursor) => api.call('views.drift', { ...params, limit: PAGE_SIZE, ...(cursor !== null ? { cursor } : {}) }),
  columns: [
    { id: 'noticed_at', header: 'Noticed (UTC)', size: 190, cell: ({ row }) => <Time value={row.original.noticed_at} />, meta: { serverSort: true } },
    { id: 'kind', header: 'Kind', size: 100, cell: ({ row }) => <StatusBadge tone={KIND_TONE[row.original.kind]}>{row.original.kind}</StatusBadge> },
    { id: 'subject', header: 'Record', size: 190, cell: ({ row }) => <Subject row={row.original} /> },
    { id: 'field', header: 'Field', size: 150, cell: ({ row }) => <span className="mono">{row.original.field}</span> },
    { id: 'first_value', header: 'First seen', size: 170, cell: ({ row }) => <TextCell value={row.original.first_value ?? '—'} /> },
    { id: 'current_value', header: 'Now', size: 170, cell: ({ row }) => <TextCell value={row.original.current_value ?? 'not listed'} /> },
    { id: 'covered_sales', header: 'Covers sales', size: 200, cell: ({ row }) => <CoveredSales hashes={row.original.covered_sales} /> },
    { id: 'seq', header: 'Seq', size: 70, cell: ({ row }) => <span className="mono">{row.original.seq}</span>, meta: { numeric: true } },
    { id: 'hash', header: 'Entry hash', size: 170, cell: ({ row }) => <Hash value={row.original.hash} /> },
  ],
  rowKey: (r) => String(r.seq),
  defaultHidden: ['seq', 'hash'],
  exportAs: (filters) => ({ view: 'drift', filters }),
  empty: {
    filtered: 'No drift entry matches these filters. Clear or widen them.',
    none: 'No registry drift: every stored retirement and block agrees with what Verra said at the last catch-up.',
  },
});

/** Where Verra's records changed after they were stored (issue 15): each difference, recorded once, hash-chained. */
export function DriftPage() {
  return (
    <section className="page table-page" aria-labelledby="drift-title">
      <div className="page-head">
        <h1 id="drift-title">Registry drift</h1>
        <p>
          Every catch-up re-reads Stellarcarbon&apos;s retirements and the carbon pool report from Verra. The stored rows stay as first seen; each
          difference is listed here once, when first noticed. A removed or reassigned retirement that covers a sale fails verify.
        </p>
      </div>
      <TableView spec={driftView} />
    </section>
  );
}
