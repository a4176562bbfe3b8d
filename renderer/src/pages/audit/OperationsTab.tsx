import type { ColumnDef } from '@tanstack/react-table';
import { useCallback, useMemo } from 'react';
import type { OperationRow } from '../../../../shared/api/audit';
import { api } from '../../api/client';
import { DetailPanel, Field } from '../../components/DetailPanel';
import { DateFilter, FilterBar, SelectFilter, TextFilter } from '../../components/Filters';
import { StatusBadge, operationTone } from '../../components/StatusBadge';
import { ErrorState, Loading } from '../../components/StatusViews';
import { type ColumnMeta, DataTable } from '../../components/table/DataTable';
import { useKeysetPages } from '../../hooks/useKeysetPages';
import { Time } from '../../components/TimeCell';
import { prettyJson } from '../../format/jsonText';
import { formatDuration } from '../../format/time';
import { dateProblem, validOr } from '../../format/validate';
import { hrefFor } from '../../router';
import { type TableDefaults, type TableState, withFilter, withPages, withSelected } from '../../state/tableState';
import { useApi } from '../../hooks/useApi';

export const OPERATION_DEFAULTS: TableDefaults = { filterKeys: ['tab', 'kind', 'actor', 'status', 'since', 'until'], order: 'desc' };
const PAGE_SIZE = 200;
const meta = (m: ColumnMeta) => ({ meta: m });

function operationParams(f: Record<string, string>): Record<string, unknown> {
  const p: Record<string, unknown> = {
    kind: f.kind || undefined,
    actor: f.actor || undefined,
    status: ['running', 'ok', 'failed', 'cancelled'].includes(f.status ?? '') ? f.status : undefined,
    since: validOr(f.since, dateProblem, (v) => v),
    until: validOr(f.until, dateProblem, (v) => v),
  };
  for (const k of Object.keys(p)) if (p[k] === undefined) delete p[k];
  return p;
}

function OperationDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const [op, reload] = useApi('audit.operation', { id });
  return (
    <DetailPanel title="Operation" onClose={onClose} testId="operation-detail">
      {op.state === 'loading' && <Loading />}
      {op.state === 'error' && <ErrorState code={op.code} message={op.message} onRetry={reload} />}
      {op.state === 'ready' && (
        <>
          <dl className="fields">
            <Field label="Kind">{op.value.kind}</Field>
            <Field label="Status">
              <StatusBadge tone={operationTone(op.value.status)}>{op.value.status}</StatusBadge>
            </Field>
            <Field label="Started">
              <Time value={op.value.startedAt} />
            </Field>
            <Field label="Duration">{formatDuration(op.value.durationMs)}</Field>
            <Field label="Actor">
              {op.value.actor}@{op.value.host} via {op.value.via ?? '—'}
            </Field>
            <Field label="App / schema">
              {op.value.appVersion} / {op.value.schemaVersion}
            </Field>
            {op.value.latestLedger !== null && <Field label="Horizon ledger">{op.value.latestLedger}</Field>}
            {op.value.command && (
              <Field label="Command">
                <span className="mono small">{op.value.command.join(' ')}</span>
              </Field>
            )}
            {op.value.note && <Field label="Note">{op.value.note}</Field>}
            {op.value.error && (
              <Field label="Error">
                <span className="error-text">{op.value.error}</span>
              </Field>
            )}
            <Field label="Id">
              <span className="mono small">{op.value.id}</span>
            </Field>
          </dl>
          {op.value.sourceUrls.length > 0 && (
            <>
              <h3>Sources</h3>
              <ul className="plain mono small">
                {op.value.sourceUrls.map((u) => (
                  <li key={u}>{u}</li>
                ))}
              </ul>
            </>
          )}
          <h3>Parameters</h3>
          <pre className="json" data-testid="operation-params">
            {prettyJson(op.value.params)}
          </pre>
          <h3>Result</h3>
          <pre className="json" data-testid="operation-result">
            {op.value.result ? prettyJson(op.value.result) : '—'}
          </pre>
          <div className="links">
            <a href={hrefFor('audit', { tab: 'changes', operationId: op.value.id })}>Changes made by this operation</a>
          </div>
        </>
      )}
    </DetailPanel>
  );
}

export function OperationsTab({ state, setState }: { state: TableState; setState: (s: TableState) => void }) {
  const params = useMemo(() => operationParams(state.filters), [state.filters]);
  const key = JSON.stringify(params);
  const fetchPage = useCallback(
    (cursor: number | null) => api.call('audit.operations', { ...(JSON.parse(key) as object), limit: PAGE_SIZE, ...(cursor !== null ? { before: cursor } : {}) }),
    [key],
  );
  const data = useKeysetPages<OperationRow, number>(key, state.pages, fetchPage);
  const columns = useMemo<ColumnDef<OperationRow, unknown>[]>(
    () => [
      { id: 'startedAt', header: 'Started (UTC)', size: 190, cell: ({ row }) => <Time value={row.original.startedAt} /> },
      { id: 'kind', header: 'Kind', size: 130, cell: ({ row }) => <span data-testid="op-kind">{row.original.kind}</span> },
      {
        id: 'status',
        header: 'Status',
        size: 100,
        cell: ({ row }) => <StatusBadge tone={operationTone(row.original.status)}>{row.original.status}</StatusBadge>,
      },
      { id: 'duration', header: 'Duration', size: 90, cell: ({ row }) => formatDuration(row.original.durationMs), ...meta({ numeric: true }) },
      { id: 'actor', header: 'Actor', size: 110, cell: ({ row }) => row.original.actor },
      { id: 'via', header: 'Via', size: 60, cell: ({ row }) => row.original.via ?? '' },
      { id: 'ledger', header: 'Ledger', size: 100, cell: ({ row }) => row.original.latestLedger ?? '', ...meta({ numeric: true }) },
      { id: 'error', header: 'Error / note', size: 300, cell: ({ row }) => <span title={row.original.error ?? row.original.note ?? ''}>{row.original.error ?? row.original.note ?? ''}</span> },
      { id: 'seq', header: 'Seq', size: 70, cell: ({ row }) => row.original.seq, ...meta({ numeric: true, serverSort: true }) },
    ],
    [],
  );
  const f = state.filters;
  const set = (k: string) => (v: string) => setState(withFilter(state, k, v));
  const filtered = ['kind', 'actor', 'status', 'since', 'until'].some((k) => f[k]);
  return (
    <>
      <FilterBar active={filtered} onClear={() => setState({ ...state, filters: { tab: 'operations' }, pages: 1 })}>
        <TextFilter label="Kind" value={f.kind ?? ''} onCommit={set('kind')} placeholder="catch-up, export…" testId="filter-kind" />
        <TextFilter label="Actor" value={f.actor ?? ''} onCommit={set('actor')} />
        <SelectFilter
          label="Status"
          value={f.status ?? ''}
          onCommit={set('status')}
          options={[{ value: '', label: 'any' }, ...['running', 'ok', 'failed', 'cancelled'].map((s) => ({ value: s, label: s }))]}
        />
        <DateFilter label="Since" value={f.since ?? ''} onCommit={set('since')} />
        <DateFilter label="Until (incl.)" value={f.until ?? ''} onCommit={set('until')} />
      </FilterBar>
      <div className={`split${state.selected ? ' with-detail' : ''}`}>
        <DataTable
          id="operations"
          label="Operations"
          columns={columns}
          rows={data.rows}
          rowKey={(r) => r.id}
          status={data.status}
          error={data.error}
          onRetry={data.reload}
          busy={data.busy}
          hasMore={data.hasMore}
          onLoadMore={() => setState(withPages(state, state.pages + 1))}
          order="desc"
          selected={state.selected}
          onSelect={(k) => setState(withSelected(state, k))}
          defaultHidden={['seq']}
          empty={filtered ? 'No operation matches these filters.' : 'No operations recorded yet: every catch-up, export and settings change appears here.'}
        />
        {state.selected && <OperationDetail id={state.selected} onClose={() => setState(withSelected(state, null))} />}
      </div>
    </>
  );
}
