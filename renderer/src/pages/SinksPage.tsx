import type { SinkingTxRow } from '../../../shared/api/views';
import { api } from '../api/client';
import { Address, Hash } from '../components/AddressCell';
import { Amount } from '../components/AmountCell';
import { StatusBadge, sinkTone } from '../components/StatusBadge';
import { TableView } from '../components/table/TableView';
import { defineTableView } from '../components/table/tableViewSpec';
import { Time } from '../components/TimeCell';
import { SinkDetail } from '../details/SinkDetail';
import { TextCell } from '../components/TextCell';
import { markColumn, REVIEWED_OPTIONS } from '../components/ReviewMark';

const PAGE_SIZE = 100;

export const sinksView = defineTableView({
  page: 'sinks',
  id: 'sinks',
  label: 'Sinking transactions',
  method: 'views.sinkingTxs',
  sortable: true,
  filters: [
    { key: 'funder', label: 'Funder', kind: 'text', placeholder: 'G… or C…', wide: true, testId: 'filter-funder' },
    { key: 'recipient', label: 'Recipient', kind: 'text', placeholder: 'G… or C…', wide: true, testId: 'filter-recipient' },
    { key: 'fromDate', label: 'From (≥)', kind: 'date', testId: 'filter-from' },
    { key: 'beforeDate', label: 'Before (<)', kind: 'date', testId: 'filter-before' },
    {
      key: 'finalized',
      label: 'Finalized',
      kind: 'select',
      testId: 'filter-finalized',
      options: [
        { value: '', label: 'any' },
        { value: 'yes', label: 'yes' },
        { value: 'no', label: 'no' },
      ],
    },
    { key: 'memo', label: 'Memo contains', kind: 'text', testId: 'filter-memo' },
    { key: 'reviewed', label: 'Review mark', kind: 'select', testId: 'filter-reviewed', options: REVIEWED_OPTIONS },
    // What verify's grace-period finding links to: not finalized, created before its cutoff (UTC).
    { key: 'unfinalizedBefore', label: 'Open, created before', kind: 'text', placeholder: 'YYYY-MM-DD[THH:MM:SS]', testId: 'filter-unfinalized-before' },
  ],
  fetchPage: (params, cursor) => api.call('views.sinkingTxs', { ...params, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
  columns: [
    markColumn<SinkingTxRow>('sinking_txs', (r) => r.hash),
    { id: 'created_at', header: 'Created (UTC)', size: 190, cell: ({ row }) => <Time value={row.original.created_at} />, meta: { serverSort: true } },
    { id: 'hash', header: 'Tx hash', size: 170, cell: ({ row }) => <Hash value={row.original.hash} /> },
    { id: 'funder', header: 'Funder', size: 130, cell: ({ row }) => <Address value={row.original.funder} /> },
    { id: 'recipient', header: 'Recipient', size: 130, cell: ({ row }) => <Address value={row.original.recipient} /> },
    { id: 'carbon_amount', header: 'Carbon (t)', size: 110, cell: ({ row }) => <Amount value={row.original.carbon_amount} />, meta: { numeric: true } },
    {
      id: 'paid',
      header: 'Paid',
      size: 170,
      cell: ({ row }) => <Amount value={row.original.source_asset_amount} unit={row.original.source_asset_code} />,
      meta: { numeric: true },
    },
    { id: 'memo', header: 'Memo', size: 160, cell: ({ row }) => <TextCell value={row.original.memo_value} /> },
    {
      id: 'status',
      header: 'Status',
      size: 110,
      cell: ({ row }) => {
        const t = sinkTone(row.original.statuses);
        return <StatusBadge tone={t.tone}>{t.label}</StatusBadge>;
      },
    },
    { id: 'toid', header: 'TOID', size: 170, cell: ({ row }) => <span className="mono">{row.original.toid}</span>, meta: { numeric: true } },
  ],
  rowKey: (r) => r.hash,
  totals: { carbon_amount: (r) => r.carbon_amount },
  defaultHidden: ['toid'],
  exportAs: (filters) => ({ view: 'sinkingTxs', filters }),
  detail: ({ selected, close }) => selected && <SinkDetail hash={selected} onClose={close} />,
  empty: {
    filtered: 'No sinking transaction matches these filters. Widen the dates or clear the filters.',
    none: 'No sinking transactions yet. Run a catch-up (left) to load them from Horizon.',
  },
});

export function SinksPage() {
  return (
    <section className="page table-page" aria-labelledby="sinks-title">
      <div className="page-head">
        <h1 id="sinks-title">Sinking transactions</h1>
        <p>CARBON sales, each to be covered by Verra retirements.</p>
      </div>
      <TableView spec={sinksView} />
    </section>
  );
}
