import { pagedTableProps } from '../components/table/pagedTableProps';
import type { ColumnDef } from '@tanstack/react-table';
import { useCallback, useMemo } from 'react';
import type { SinkingTxRow } from '../../../shared/api/views';
import { api } from '../api/client';
import { Address, Hash } from '../components/AddressCell';
import { Amount } from '../components/AmountCell';
import { ExportButton } from '../components/ExportButton';
import { DateFilter, FilterBar, SelectFilter, TextFilter } from '../components/Filters';
import { StatusBadge, sinkTone } from '../components/StatusBadge';
import { type ColumnMeta, DataTable } from '../components/table/DataTable';
import { useKeysetPages } from '../hooks/useKeysetPages';
import { Time } from '../components/TimeCell';
import { sumAmounts } from '../format/amount';
import { saleAddressProblem } from '../format/validate';
import { type TableDefaults, withFilter, withSelected } from '../state/tableState';
import { useTableState } from '../hooks/useTableState';
import { sinkParams } from '../state/viewParams';
import { SinkDetail } from '../details/SinkDetail';

const DEFAULTS: TableDefaults = { filterKeys: ['funder', 'recipient', 'from', 'before', 'finalized', 'memo'], order: 'desc' };
const PAGE_SIZE = 100;

const col = (meta: ColumnMeta) => ({ meta });

export function SinksPage() {
  const [state, setState] = useTableState('sinks', DEFAULTS);
  const params = useMemo(() => sinkParams(state.filters, state.order), [state.filters, state.order]);
  const key = JSON.stringify(params);
  const fetchPage = useCallback(
    (cursor: string | null) =>
      api.call('views.sinkingTxs', { ...(JSON.parse(key) as object), limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
    [key],
  );
  const data = useKeysetPages<SinkingTxRow, string>(key, state.pages, fetchPage);
  const total = useMemo(() => sumAmounts(data.rows.map((r) => r.carbon_amount)), [data.rows]);

  const columns = useMemo<ColumnDef<SinkingTxRow, unknown>[]>(
    () => [
      { id: 'created_at', header: 'Created (UTC)', size: 190, cell: ({ row }) => <Time value={row.original.created_at} />, ...col({ serverSort: true }) },
      { id: 'hash', header: 'Tx hash', size: 170, cell: ({ row }) => <Hash value={row.original.hash} /> },
      { id: 'funder', header: 'Funder', size: 130, cell: ({ row }) => <Address value={row.original.funder} /> },
      { id: 'recipient', header: 'Recipient', size: 130, cell: ({ row }) => <Address value={row.original.recipient} /> },
      {
        id: 'carbon_amount',
        header: 'Carbon (t)',
        size: 110,
        cell: ({ row }) => <Amount value={row.original.carbon_amount} />,
        ...col({ numeric: true }),
      },
      {
        id: 'paid',
        header: 'Paid',
        size: 170,
        cell: ({ row }) => <Amount value={row.original.source_asset_amount} unit={row.original.source_asset_code} />,
        ...col({ numeric: true }),
      },
      { id: 'memo', header: 'Memo', size: 160, cell: ({ row }) => <span title={row.original.memo_value ?? ''}>{row.original.memo_value ?? ''}</span> },
      {
        id: 'status',
        header: 'Status',
        size: 110,
        cell: ({ row }) => {
          const t = sinkTone(row.original.statuses);
          return <StatusBadge tone={t.tone}>{t.label}</StatusBadge>;
        },
      },
      { id: 'toid', header: 'TOID', size: 170, cell: ({ row }) => <span className="mono">{row.original.toid}</span>, ...col({ numeric: true }) },
    ],
    [],
  );

  const f = state.filters;
  const set = (k: string) => (v: string) => setState(withFilter(state, k, v));
  const filtered = Object.keys(f).length > 0;
  return (
    <section className="page table-page" aria-labelledby="sinks-title">
      <div className="page-head">
        <h1 id="sinks-title">Sinking transactions</h1>
        <p>CARBON sales, each to be covered by Verra retirements.</p>
      </div>
      <FilterBar active={filtered} onClear={() => setState({ ...state, filters: {}, pages: 1 })}>
        <TextFilter label="Funder" value={f.funder ?? ''} onCommit={set('funder')} validate={saleAddressProblem} placeholder="G… or C…" wide testId="filter-funder" />
        <TextFilter label="Recipient" value={f.recipient ?? ''} onCommit={set('recipient')} validate={saleAddressProblem} placeholder="G… or C…" wide testId="filter-recipient" />
        <DateFilter label="From (≥)" value={f.from ?? ''} onCommit={set('from')} testId="filter-from" />
        <DateFilter label="Before (<)" value={f.before ?? ''} onCommit={set('before')} testId="filter-before" />
        <SelectFilter
          label="Finalized"
          value={f.finalized ?? ''}
          onCommit={set('finalized')}
          testId="filter-finalized"
          options={[
            { value: '', label: 'any' },
            { value: 'yes', label: 'yes' },
            { value: 'no', label: 'no' },
          ]}
        />
        <TextFilter
          label="Memo contains"
          value={f.memo ?? ''}
          onCommit={set('memo')}
          testId="filter-memo"
        />
      </FilterBar>
      <div className={`split${state.selected ? ' with-detail' : ''}`}>
        <DataTable
          id="sinks"
          label="Sinking transactions"
          columns={columns}
          totals={{ carbon_amount: <Amount value={total} /> }}
          {...pagedTableProps(data, state, setState)}
          rowKey={(r) => r.hash}
          showTotals
          defaultHidden={['toid']}
          toolbar={<ExportButton view="sinkingTxs" params={params} />}
          empty={
            filtered ? (
              <>No sinking transaction matches these filters. Widen the dates or clear the filters.</>
            ) : (
              <>No sinking transactions yet. Run a catch-up (left) to load them from Horizon.</>
            )
          }
        />
        {state.selected && <SinkDetail hash={state.selected} onClose={() => setState(withSelected(state, null))} />}
      </div>
    </section>
  );
}
