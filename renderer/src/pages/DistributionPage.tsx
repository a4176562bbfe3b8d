import { api } from '../api/client';
import { Address, Hash } from '../components/AddressCell';
import { Amount } from '../components/AmountCell';
import { ExternalLink } from '../components/ExternalLink';
import { TableView } from '../components/table/TableView';
import { defineTableView } from '../components/table/tableViewSpec';
import { Time } from '../components/TimeCell';
import { txExplorerUrl } from '../format/address';

const PAGE_SIZE = 100;

export const distributionView = defineTableView({
  page: 'distribution',
  id: 'distribution',
  label: 'Distribution outflows',
  method: 'views.distributionTxs',
  sortable: true,
  filters: [
    { key: 'recipient', label: 'Recipient', kind: 'text', placeholder: 'G…', wide: true },
    { key: 'fromDate', label: 'From (≥)', kind: 'date' },
    { key: 'beforeDate', label: 'Before (<)', kind: 'date' },
  ],
  fetchPage: (params, cursor) => api.call('views.distributionTxs', { ...params, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
  columns: [
    { id: 'created_at', header: 'Created (UTC)', size: 190, cell: ({ row }) => <Time value={row.original.created_at} />, meta: { serverSort: true } },
    { id: 'hash', header: 'Tx hash', size: 170, cell: ({ row }) => <Hash value={row.original.hash} /> },
    { id: 'sender', header: 'Sender', size: 130, cell: ({ row }) => <Address value={row.original.sender} /> },
    { id: 'recipient', header: 'Recipient', size: 130, cell: ({ row }) => <Address value={row.original.recipient} /> },
    { id: 'carbon_amount', header: 'CARBON', size: 120, cell: ({ row }) => <Amount value={row.original.carbon_amount} />, meta: { numeric: true } },
    { id: 'explorer', header: 'Explorer', size: 110, cell: ({ row }) => <ExternalLink href={txExplorerUrl(row.original.hash)}>open</ExternalLink> },
    { id: 'toid', header: 'TOID', size: 170, cell: ({ row }) => <span className="mono">{row.original.toid}</span>, meta: { numeric: true } },
  ],
  rowKey: (r) => r.toid,
  totals: { carbon_amount: (r) => r.carbon_amount },
  defaultHidden: ['toid'],
  exportAs: (filters) => ({ view: 'distributionTxs', filters }),
  empty: { filtered: 'No outflow matches these filters. Clear or widen them.', none: 'No distribution outflows yet. Run a catch-up to load them.' },
});

/** CARBON leaving the distributor account other than by sale (outflows to be explained). */
export function DistributionPage() {
  return (
    <section className="page table-page" aria-labelledby="dist-title">
      <div className="page-head">
        <h1 id="dist-title">Distribution outflows</h1>
        <p>CARBON payments from the distributor account.</p>
      </div>
      <TableView spec={distributionView} />
    </section>
  );
}
