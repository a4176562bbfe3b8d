import { useCallback, useMemo } from 'react';
import type { MethodName } from '../../../../shared/contract';
import { useKeysetPages } from '../../hooks/useKeysetPages';
import { useTableState } from '../../hooks/useTableState';
import { pageSummer } from '../../state/pageSums';
import { type TableState, withFilter, withOrder, withPages, withSelected } from '../../state/tableState';
import { fieldProblem, paramsSchema, urlToParams, withoutPaging } from '../../state/urlParams';
import { Amount } from '../AmountCell';
import { ExportButton } from '../ExportButton';
import { DateFilter, FilterBar, SelectFilter, TextFilter } from '../Filters';
import { DataTable } from './DataTable';
import type { CursorOf, FilterSpec, TableView as Spec } from './tableViewSpec';

function FilterField<K extends MethodName>({ spec, filter, state, setState }: { spec: Spec<K>; filter: FilterSpec<K>; state: TableState; setState: (s: TableState) => void }) {
  const value = state.filters[filter.key] ?? '';
  const onCommit = (v: string) => setState(withFilter(state, filter.key, v));
  const common = { label: filter.label, onCommit, testId: filter.testId };
  if (filter.kind === 'date') return <DateFilter {...common} value={value} />;
  if (filter.kind === 'select') {
    const options = filter.options ?? [];
    return <SelectFilter {...common} options={options} value={options.some((o) => o.value === value) ? value : ''} />;
  }
  const validate = fieldProblem(paramsSchema(spec.method), filter.key);
  return <TextFilter {...common} value={value} validate={validate} placeholder={filter.placeholder} wide={filter.wide} />;
}

/**
 * One table view: the filter bar writes the URL keys that are the method's param names, the method's own schema
 * reads them back (urlToParams), keyset pages load as the URL asks, and the detail panel follows the selection.
 */
export function TableView<K extends MethodName>({ spec }: { spec: Spec<K> }) {
  const [state, setState] = useTableState(spec.page, spec.defaults);
  const { params } = useMemo(() => {
    const query: Record<string, string | undefined> = Object.fromEntries(spec.filters.map((f) => [f.key, state.filters[f.key]]));
    return urlToParams(paramsSchema(spec.method), spec.sortable ? { ...query, order: state.order } : query);
  }, [spec, state.filters, state.order]);
  const key = JSON.stringify(params);
  const fetchPage = useCallback((cursor: CursorOf<K> | null) => spec.fetchPage(params, cursor), [spec, params]);
  const data = useKeysetPages(key, state.pages, fetchPage);
  const sumPages = useMemo(() => (spec.totals ? pageSummer(spec.totals) : null), [spec]);
  const totals = useMemo(
    () => (sumPages ? Object.fromEntries(Object.entries(sumPages(data.pages)).map(([id, sum]) => [id, <Amount key={id} value={sum} />])) : undefined),
    [sumPages, data.pages],
  );
  const filtered = spec.filters.some((f) => params[f.key] !== undefined);
  const close = () => setState(withSelected(state, null));
  const detail = spec.detail?.({ selected: state.selected, rows: data.rows, state, setState, close }) ?? null;
  return (
    <>
      <FilterBar active={filtered} onClear={() => setState({ ...state, filters: { ...spec.fixed }, pages: 1 })}>
        {spec.filters.map((f) => (
          <FilterField key={f.key} spec={spec} filter={f} state={state} setState={setState} />
        ))}
      </FilterBar>
      <div className={`split${detail ? ' with-detail' : ''}`}>
        <DataTable
          id={spec.id}
          label={spec.label}
          columns={spec.columns}
          rows={data.rows}
          rowKey={spec.rowKey}
          status={data.status}
          error={data.error}
          onRetry={data.reload}
          busy={data.busy}
          hasMore={data.hasMore}
          onLoadMore={() => setState(withPages(state, state.pages + 1))}
          order={spec.sortable ? state.order : 'desc'}
          onOrder={spec.sortable ? (o) => setState(withOrder(state, o)) : undefined}
          selected={state.selected}
          onSelect={(k) => setState(withSelected(state, k))}
          showTotals={Boolean(spec.totals)}
          totals={totals}
          defaultHidden={spec.defaultHidden}
          toolbar={spec.exportAs && <ExportButton target={spec.exportAs(withoutPaging(params))} />}
          empty={filtered ? spec.empty.filtered : spec.empty.none}
        />
        {detail}
      </div>
    </>
  );
}
