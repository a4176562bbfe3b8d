import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { type InventoryRow, inventoryParams } from '../../../shared/api/views';
import { Hash } from '../components/AddressCell';
import { Amount } from '../components/AmountCell';
import { ExportButton } from '../components/ExportButton';
import { CheckFilter, DateFilter, FilterBar, SelectFilter } from '../components/Filters';
import { markColumn, REVIEWED_OPTIONS } from '../components/ReviewMark';
import type { ColumnMeta } from '../components/table/columnMeta';
import { DataTable } from '../components/table/DataTable';
import { Time } from '../components/TimeCell';
import { sumAmounts } from '../format/amount';
import { type TableDefaults, withFilter, withSelected } from '../state/tableState';
import { useTableState } from '../hooks/useTableState';
import { urlToParams } from '../state/urlParams';
import { useApi } from '../hooks/useApi';
import { BlockDetail } from '../details/BlockDetail';

const DEFAULTS: TableDefaults = { filterKeys: ['untilDate', 'omitEmpty', 'reviewed'], order: 'asc' };

const meta = (m: ColumnMeta) => ({ meta: m });

/** Minted blocks and what remains of each, now or at the end of any past day. The inventory is small (one row per mint). */
export function InventoryPage() {
  const [state, setState] = useTableState('inventory', DEFAULTS);
  const params = useMemo(() => urlToParams(inventoryParams, state.filters).params, [state.filters]);
  const [inv, reload] = useApi('views.inventory', params);
  const rows = useMemo(() => (inv.state === 'ready' ? inv.value.rows : []), [inv]);
  const totals = useMemo(() => ({ size: sumAmounts(rows.map((r) => r.size)), remaining: sumAmounts(rows.map((r) => r.credits_remaining)) }), [rows]);
  const columns = useMemo<ColumnDef<InventoryRow, unknown>[]>(
    () => [
      markColumn<InventoryRow>('minted_blocks', (r) => r.serial_hash),
      { id: 'created_at', header: 'Created (UTC)', size: 190, cell: ({ row }) => <Time value={row.original.created_at} /> },
      { id: 'serial_hash', header: 'Serial hash', size: 170, cell: ({ row }) => <Hash value={row.original.serial_hash} /> },
      { id: 'size', header: 'Size', size: 80, cell: ({ row }) => <Amount value={row.original.size} />, ...meta({ numeric: true }) },
      {
        id: 'credits_remaining',
        header: params.untilDate ? `Remaining ${params.untilDate}` : 'Remaining',
        size: 120,
        cell: ({ row }) => <Amount value={row.original.credits_remaining} />,
        ...meta({ numeric: true }),
      },
      { id: 'serial_number', header: 'Serial number', size: 280, cell: ({ row }) => <span className="mono" title={row.original.serial_number}>{row.original.serial_number}</span> },
      { id: 'vintage', header: 'Vintage', size: 190, cell: ({ row }) => `${row.original.vintage_start} – ${row.original.vintage_end}` },
      { id: 'sub_account', header: 'Sub-account', size: 220, cell: ({ row }) => <span title={String(row.original.sub_account_id)}>{row.original.sub_account_name}</span> },
      { id: 'vcs_project_id', header: 'Project', size: 70, cell: ({ row }) => row.original.vcs_project_id, ...meta({ numeric: true }) },
      { id: 'transaction_hash', header: 'Mint tx', size: 160, cell: ({ row }) => <Hash value={row.original.transaction_hash} /> },
    ],
    [params.untilDate],
  );
  const f = state.filters;
  const filtered = Object.keys(f).length > 0;
  return (
    <section className="page table-page" aria-labelledby="inv-title">
      <div className="page-head">
        <h1 id="inv-title">Inventory</h1>
        <p>{params.untilDate ? `Minted blocks as of the end of ${params.untilDate} (UTC).` : 'Minted blocks and the credits left in each.'}</p>
      </div>
      <FilterBar active={filtered} onClear={() => setState({ ...state, filters: {}, pages: 1 })}>
        <DateFilter label="As of (end of day, UTC)" value={f.untilDate ?? ''} onCommit={(v) => setState(withFilter(state, 'untilDate', v))} testId="filter-asof" />
        <CheckFilter label="Omit empty blocks" checked={params.omitEmpty} onCommit={(c) => setState(withFilter(state, 'omitEmpty', c ? 'yes' : ''))} testId="filter-omit-empty" />
        <SelectFilter label="Review mark" value={f.reviewed ?? ''} options={REVIEWED_OPTIONS} onCommit={(v) => setState(withFilter(state, 'reviewed', v))} testId="filter-reviewed" />
      </FilterBar>
      <div className={`split${state.selected ? ' with-detail' : ''}`}>
        <DataTable
          id="inventory"
          label="Inventory"
          columns={columns}
          totals={{ size: <Amount value={totals.size} />, credits_remaining: <Amount value={totals.remaining} /> }}
          rows={rows}
          rowKey={(r) => r.serial_hash}
          status={inv.state === 'ready' ? 'ready' : inv.state}
          error={inv.state === 'error' ? inv : null}
          onRetry={reload}
          selected={state.selected}
          onSelect={(k) => setState(withSelected(state, k))}
          showTotals
          defaultHidden={['transaction_hash']}
          toolbar={<ExportButton target={{ view: 'inventory', filters: params }} />}
          empty={
            filtered ? 'No minted block matches: pick a later date or show empty blocks.' : 'No minted blocks yet. Run a catch-up to load them from Horizon and Verra.'
          }
        />
        {state.selected && <BlockDetail serialHash={state.selected} row={rows.find((r) => r.serial_hash === state.selected) ?? null} onClose={() => setState(withSelected(state, null))} />}
      </div>
    </section>
  );
}
