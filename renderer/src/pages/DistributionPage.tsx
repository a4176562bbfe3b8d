import { pagedTableProps } from '../components/table/pagedTableProps';
import type { ColumnDef } from '@tanstack/react-table';
import { useCallback, useMemo } from 'react';
import type { DistributionTxRow } from '../../../shared/api/views';
import { api } from '../api/client';
import { Address, Hash } from '../components/AddressCell';
import { Amount } from '../components/AmountCell';
import { ExportButton } from '../components/ExportButton';
import { DateFilter, FilterBar, TextFilter } from '../components/Filters';
import { type ColumnMeta, DataTable } from '../components/table/DataTable';
import { useKeysetPages } from '../hooks/useKeysetPages';
import { Time } from '../components/TimeCell';
import { sumAmounts } from '../format/amount';
import { accountIdProblem } from '../format/validate';
import { type TableDefaults, withFilter } from '../state/tableState';
import { useTableState } from '../hooks/useTableState';
import { distributionParams } from '../state/viewParams';
import { txExplorerUrl } from '../format/address';
import { ExternalLink } from '../components/ExternalLink';

const DEFAULTS: TableDefaults = { filterKeys: ['recipient', 'from', 'before'], order: 'desc' };
const PAGE_SIZE = 100;

const meta = (m: ColumnMeta) => ({ meta: m });

/** CARBON leaving the distributor account other than by sale (outflows to be explained). */
export function DistributionPage() {
  const [state, setState] = useTableState('distribution', DEFAULTS);
  const params = useMemo(() => distributionParams(state.filters, state.order), [state.filters, state.order]);
  const key = JSON.stringify(params);
  const fetchPage = useCallback(
    (cursor: string | null) => api.call('views.distributionTxs', { ...(JSON.parse(key) as object), limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
    [key],
  );
  const data = useKeysetPages<DistributionTxRow, string>(key, state.pages, fetchPage);
  const total = useMemo(() => sumAmounts(data.rows.map((r) => r.carbon_amount)), [data.rows]);
  const columns = useMemo<ColumnDef<DistributionTxRow, unknown>[]>(
    () => [
      { id: 'created_at', header: 'Created (UTC)', size: 190, cell: ({ row }) => <Time value={row.original.created_at} />, ...meta({ serverSort: true }) },
      { id: 'hash', header: 'Tx hash', size: 170, cell: ({ row }) => <Hash value={row.original.hash} /> },
      { id: 'sender', header: 'Sender', size: 130, cell: ({ row }) => <Address value={row.original.sender} /> },
      { id: 'recipient', header: 'Recipient', size: 130, cell: ({ row }) => <Address value={row.original.recipient} /> },
      { id: 'carbon_amount', header: 'CARBON', size: 120, cell: ({ row }) => <Amount value={row.original.carbon_amount} />, ...meta({ numeric: true }) },
      { id: 'explorer', header: 'Explorer', size: 110, cell: ({ row }) => <ExternalLink href={txExplorerUrl(row.original.hash)}>open</ExternalLink> },
      { id: 'toid', header: 'TOID', size: 170, cell: ({ row }) => <span className="mono">{row.original.toid}</span>, ...meta({ numeric: true }) },
    ],
    [],
  );
  const f = state.filters;
  const set = (k: string) => (v: string) => setState(withFilter(state, k, v));
  const filtered = Object.keys(f).length > 0;
  return (
    <section className="page table-page" aria-labelledby="dist-title">
      <div className="page-head">
        <h1 id="dist-title">Distribution outflows</h1>
        <p>CARBON payments from the distributor account.</p>
      </div>
      <FilterBar active={filtered} onClear={() => setState({ ...state, filters: {}, pages: 1 })}>
        <TextFilter label="Recipient" value={f.recipient ?? ''} onCommit={set('recipient')} validate={accountIdProblem} placeholder="G…" wide />
        <DateFilter label="From (≥)" value={f.from ?? ''} onCommit={set('from')} />
        <DateFilter label="Before (<)" value={f.before ?? ''} onCommit={set('before')} />
      </FilterBar>
      <DataTable
        id="distribution"
        label="Distribution outflows"
        columns={columns}
        totals={{ carbon_amount: <Amount value={total} /> }}
        {...pagedTableProps(data, state, setState)}
        rowKey={(r) => r.toid}
        showTotals
        defaultHidden={['toid']}
        toolbar={<ExportButton view="distributionTxs" params={params} />}
        empty={filtered ? 'No outflow matches these filters. Clear or widen them.' : 'No distribution outflows yet. Run a catch-up to load them.'}
      />
    </section>
  );
}
