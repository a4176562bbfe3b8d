import type { RetirementRow } from '../../../shared/api/views';
import { api } from '../api/client';
import { Amount } from '../components/AmountCell';
import { TableView } from '../components/table/TableView';
import { defineTableView } from '../components/table/tableViewSpec';
import { Time } from '../components/TimeCell';
import { RetirementDetail } from '../details/RetirementDetail';
import { TextCell } from '../components/TextCell';
import { markColumn, REVIEWED_OPTIONS } from '../components/ReviewMark';

const PAGE_SIZE = 100;

export const retirementsView = defineTableView({
  page: 'retirements',
  id: 'retirements',
  label: 'Retirements',
  method: 'views.retirements',
  sortable: true,
  filters: [
    { key: 'beneficiary', label: 'Beneficiary starts with', kind: 'text', wide: true, testId: 'filter-beneficiary' },
    { key: 'fromDate', label: 'From (≥)', kind: 'date' },
    { key: 'beforeDate', label: 'Before (<)', kind: 'date' },
    { key: 'project', label: 'VCS project', kind: 'text', placeholder: '1360' },
    { key: 'reviewed', label: 'Review mark', kind: 'select', testId: 'filter-reviewed', options: REVIEWED_OPTIONS },
  ],
  fetchPage: (params, cursor) => api.call('views.retirements', { ...params, limit: PAGE_SIZE, ...(cursor !== null ? { cursor } : {}) }),
  columns: [
    markColumn<RetirementRow>('retirements', (r) => String(r.certificate_id)),
    {
      id: 'certificate_id',
      header: 'Certificate',
      size: 100,
      cell: ({ row }) => <span className="mono">{row.original.certificate_id}</span>,
      meta: { serverSort: true, numeric: true },
    },
    { id: 'retirement_date', header: 'Retired (UTC)', size: 170, cell: ({ row }) => <Time value={row.original.retirement_date} /> },
    { id: 'vcu_amount', header: 'VCUs', size: 80, cell: ({ row }) => <Amount value={row.original.vcu_amount} />, meta: { numeric: true } },
    {
      id: 'retirement_beneficiary',
      header: 'Beneficiary',
      size: 200,
      cell: ({ row }) => <TextCell value={row.original.retirement_beneficiary} />,
    },
    { id: 'vcs_project_id', header: 'Project', size: 70, cell: ({ row }) => row.original.vcs_project_id, meta: { numeric: true } },
    {
      id: 'serial_number',
      header: 'Serial number',
      size: 260,
      cell: ({ row }) => <TextCell value={row.original.serial_number} mono />,
    },
    { id: 'vintage', header: 'Vintage', size: 190, cell: ({ row }) => `${row.original.vintage_start} – ${row.original.vintage_end}` },
    {
      id: 'retirement_details',
      header: 'Details',
      size: 240,
      cell: ({ row }) => <TextCell value={row.original.retirement_details} mono />,
    },
  ],
  rowKey: (r) => String(r.certificate_id),
  totals: { vcu_amount: (r) => r.vcu_amount },
  defaultHidden: ['retirement_details'],
  exportAs: (filters) => ({ view: 'retirements', filters }),
  detail: ({ selected, close }) => selected && <RetirementDetail certificateId={selected} onClose={close} />,
  empty: { filtered: 'No retirement matches these filters. Clear or widen them.', none: 'No retirements yet. Run a catch-up to load them from Verra.' },
});

export function RetirementsPage() {
  return (
    <section className="page table-page" aria-labelledby="ret-title">
      <div className="page-head">
        <h1 id="ret-title">Retirements</h1>
        <p>Verra credits retired on behalf of buyers.</p>
      </div>
      <TableView spec={retirementsView} />
    </section>
  );
}
