import { pagedTableProps } from '../components/table/pagedTableProps';
import type { ColumnDef } from '@tanstack/react-table';
import { useCallback, useMemo } from 'react';
import type { RetirementRow } from '../../../shared/api/views';
import { api } from '../api/client';
import { Amount } from '../components/AmountCell';
import { ExportButton } from '../components/ExportButton';
import { DateFilter, FilterBar, TextFilter } from '../components/Filters';
import { type ColumnMeta, DataTable } from '../components/table/DataTable';
import { useKeysetPages } from '../hooks/useKeysetPages';
import { Time } from '../components/TimeCell';
import { sumAmounts } from '../format/amount';
import { positiveIntProblem } from '../format/validate';
import { type TableDefaults, withFilter, withSelected } from '../state/tableState';
import { useTableState } from '../hooks/useTableState';
import { retirementParams } from '../state/viewParams';
import { RetirementDetail } from '../details/RetirementDetail';

const DEFAULTS: TableDefaults = { filterKeys: ['beneficiary', 'from', 'before', 'project'], order: 'desc' };
const PAGE_SIZE = 100;

const meta = (m: ColumnMeta) => ({ meta: m });

export function RetirementsPage() {
  const [state, setState] = useTableState('retirements', DEFAULTS);
  const params = useMemo(() => retirementParams(state.filters, state.order), [state.filters, state.order]);
  const key = JSON.stringify(params);
  const fetchPage = useCallback(
    (cursor: number | null) => api.call('views.retirements', { ...(JSON.parse(key) as object), limit: PAGE_SIZE, ...(cursor !== null ? { cursor } : {}) }),
    [key],
  );
  const data = useKeysetPages<RetirementRow, number>(key, state.pages, fetchPage);
  const total = useMemo(() => sumAmounts(data.rows.map((r) => r.vcu_amount)), [data.rows]);
  const columns = useMemo<ColumnDef<RetirementRow, unknown>[]>(
    () => [
      { id: 'certificate_id', header: 'Certificate', size: 100, cell: ({ row }) => <span className="mono">{row.original.certificate_id}</span>, ...meta({ serverSort: true, numeric: true }) },
      { id: 'retirement_date', header: 'Retired (UTC)', size: 170, cell: ({ row }) => <Time value={row.original.retirement_date} /> },
      { id: 'vcu_amount', header: 'VCUs', size: 80, cell: ({ row }) => <Amount value={row.original.vcu_amount} />, ...meta({ numeric: true }) },
      { id: 'retirement_beneficiary', header: 'Beneficiary', size: 200, cell: ({ row }) => <span title={row.original.retirement_beneficiary}>{row.original.retirement_beneficiary}</span> },
      { id: 'vcs_project_id', header: 'Project', size: 70, cell: ({ row }) => row.original.vcs_project_id, ...meta({ numeric: true }) },
      { id: 'serial_number', header: 'Serial number', size: 260, cell: ({ row }) => <span className="mono" title={row.original.serial_number}>{row.original.serial_number}</span> },
      { id: 'vintage', header: 'Vintage', size: 190, cell: ({ row }) => `${row.original.vintage_start} – ${row.original.vintage_end}` },
      { id: 'retirement_details', header: 'Details', size: 240, cell: ({ row }) => <span className="mono" title={row.original.retirement_details}>{row.original.retirement_details}</span> },
    ],
    [],
  );
  const f = state.filters;
  const set = (k: string) => (v: string) => setState(withFilter(state, k, v));
  const filtered = Object.keys(f).length > 0;
  return (
    <section className="page table-page" aria-labelledby="ret-title">
      <div className="page-head">
        <h1 id="ret-title">Retirements</h1>
        <p>Verra credits retired on behalf of buyers.</p>
      </div>
      <FilterBar active={filtered} onClear={() => setState({ ...state, filters: {}, pages: 1 })}>
        <TextFilter label="Beneficiary starts with" value={f.beneficiary ?? ''} onCommit={set('beneficiary')} wide testId="filter-beneficiary" />
        <DateFilter label="From (≥)" value={f.from ?? ''} onCommit={set('from')} />
        <DateFilter label="Before (<)" value={f.before ?? ''} onCommit={set('before')} />
        <TextFilter label="VCS project" value={f.project ?? ''} onCommit={set('project')} validate={positiveIntProblem} placeholder="1360" />
      </FilterBar>
      <div className={`split${state.selected ? ' with-detail' : ''}`}>
        <DataTable
          id="retirements"
          label="Retirements"
          columns={columns}
          totals={{ vcu_amount: <Amount value={total} /> }}
          {...pagedTableProps(data, state, setState)}
          rowKey={(r) => String(r.certificate_id)}
          showTotals
          defaultHidden={['retirement_details']}
          toolbar={<ExportButton view="retirements" params={params} />}
          empty={filtered ? 'No retirement matches these filters. Clear or widen them.' : 'No retirements yet. Run a catch-up to load them from Verra.'}
        />
        {state.selected && <RetirementDetail certificateId={state.selected} onClose={() => setState(withSelected(state, null))} />}
      </div>
    </section>
  );
}
