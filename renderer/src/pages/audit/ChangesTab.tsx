import type { ColumnDef } from '@tanstack/react-table';
import { useCallback, useMemo } from 'react';
import type { ChangeRow } from '../../../../shared/api/audit';
import { api } from '../../api/client';
import { DetailPanel } from '../../components/DetailPanel';
import { DateFilter, FilterBar, SelectFilter, TextFilter } from '../../components/Filters';
import { StatusBadge } from '../../components/StatusBadge';
import { ErrorState, Loading } from '../../components/StatusViews';
import { DataTable } from '../../components/table/DataTable';
import { useKeysetPages } from '../../hooks/useKeysetPages';
import { Time } from '../../components/TimeCell';
import { diffMembers } from '../../format/jsonText';
import { dateProblem, validOr } from '../../format/validate';
import { hrefFor } from '../../router';
import { type TableDefaults, type TableState, withFilter, withPages, withSelected } from '../../state/tableState';
import { useApi } from '../../hooks/useApi';

export const CHANGE_DEFAULTS: TableDefaults = { filterKeys: ['tab', 'table', 'key', 'operationId', 'since', 'until'], order: 'desc' };
const PAGE_SIZE = 200;
const TABLES = ['vcs_projects', 'minted_blocks', 'retirements', 'sinking_txs', 'distribution_txs', 'retirement_from_block', 'sink_status'];
const KIND_TONE = { insert: 'ok', update: 'warn', delete: 'danger' } as const;

function changeParams(f: Record<string, string>): Record<string, unknown> {
  const p: Record<string, unknown> = {
    table: f.table || undefined,
    key: f.key || undefined,
    operationId: f.operationId || undefined,
    since: validOr(f.since, dateProblem, (v) => v),
    until: validOr(f.until, dateProblem, (v) => v),
  };
  for (const k of Object.keys(p)) if (p[k] === undefined) delete p[k];
  return p;
}

/** Before/after per column; an insert or delete has one side only, so only that side is shown. */
export function Diff({ before, after }: { before: string | null; after: string | null }) {
  const rows = diffMembers(before, after);
  const both = before !== null && after !== null;
  return (
    <table className="diff" data-testid="change-diff">
      <thead>
        <tr>
          <th>Column</th>
          {(both || before !== null) && <th>Before</th>}
          {(both || after !== null) && <th>After</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className={both && r.changed ? 'changed' : undefined}>
            <td>{r.key}</td>
            {(both || before !== null) && <td className={both && r.changed ? 'before' : undefined}>{r.before ?? '∅'}</td>}
            {(both || after !== null) && <td className={both && r.changed ? 'after' : undefined}>{r.after ?? '∅'}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every change of one record, oldest first: its full history. */
function RecordHistory({ table, recordKey }: { table: string; recordKey: string }) {
  const [history, reload] = useApi('audit.history', { table, key: recordKey });
  if (history.state === 'loading') return <Loading />;
  if (history.state === 'error') return <ErrorState code={history.code} message={history.message} onRetry={reload} />;
  if (history.value.length === 0) return <p className="muted">No recorded change for this record.</p>;
  return (
    <ol className="history" data-testid="record-history">
      {history.value.map((c) => (
        <li key={c.seq}>
          <StatusBadge tone={KIND_TONE[c.kind]}>{c.kind}</StatusBadge> <Time value={c.changedAt} />{' '}
          {c.operationId && <a href={hrefFor('audit', { tab: 'operations', sel: c.operationId })}>operation</a>}
          <Diff before={c.before} after={c.after} />
        </li>
      ))}
    </ol>
  );
}

function ChangeDetail({ change, onClose }: { change: ChangeRow; onClose: () => void }) {
  return (
    <DetailPanel title={<span title={change.key}>{change.table} {change.key}</span>} onClose={onClose} testId="change-detail">
      <p>
        <StatusBadge tone={KIND_TONE[change.kind]}>{change.kind}</StatusBadge> <Time value={change.changedAt} /> · seq {change.seq}
      </p>
      <Diff before={change.before} after={change.after} />
      <h3>Full history of this record</h3>
      <RecordHistory table={change.table} recordKey={change.key} />
    </DetailPanel>
  );
}

export function ChangesTab({ state, setState }: { state: TableState; setState: (s: TableState) => void }) {
  const params = useMemo(() => changeParams(state.filters), [state.filters]);
  const key = JSON.stringify(params);
  const fetchPage = useCallback(
    (cursor: number | null) => api.call('audit.changes', { ...(JSON.parse(key) as object), limit: PAGE_SIZE, ...(cursor !== null ? { before: cursor } : {}) }),
    [key],
  );
  const data = useKeysetPages<ChangeRow, number>(key, state.pages, fetchPage);
  const columns = useMemo<ColumnDef<ChangeRow, unknown>[]>(
    () => [
      { id: 'changedAt', header: 'Changed (UTC)', size: 190, cell: ({ row }) => <Time value={row.original.changedAt} /> },
      { id: 'kind', header: 'Kind', size: 80, cell: ({ row }) => <StatusBadge tone={KIND_TONE[row.original.kind]}>{row.original.kind}</StatusBadge> },
      { id: 'table', header: 'Table', size: 160, cell: ({ row }) => <span className="mono">{row.original.table}</span> },
      { id: 'key', header: 'Record', size: 320, cell: ({ row }) => <span className="mono" title={row.original.key}>{row.original.key}</span> },
      {
        id: 'operation',
        header: 'Operation',
        size: 110,
        cell: ({ row }) =>
          row.original.operationId ? (
            <a href={hrefFor('audit', { tab: 'operations', sel: row.original.operationId })} onClick={(e) => e.stopPropagation()}>
              open
            </a>
          ) : (
            ''
          ),
      },
      { id: 'seq', header: 'Seq', size: 70, cell: ({ row }) => row.original.seq, meta: { numeric: true, serverSort: true } },
    ],
    [],
  );
  const f = state.filters;
  const set = (k: string) => (v: string) => setState(withFilter(state, k, v));
  const filtered = ['table', 'key', 'operationId', 'since', 'until'].some((k) => f[k]);
  const selected = state.selected ? data.rows.find((r) => String(r.seq) === state.selected) : undefined;
  // A history link (table + key, no selection) opens the record's whole history at once.
  const historyOnly = !state.selected && f.table && f.key;
  return (
    <>
      <FilterBar active={filtered} onClear={() => setState({ ...state, filters: { tab: 'changes' }, pages: 1 })}>
        <SelectFilter label="Table" value={f.table ?? ''} onCommit={set('table')} options={[{ value: '', label: 'any' }, ...TABLES.map((t) => ({ value: t, label: t }))]} />
        <TextFilter label="Record key" value={f.key ?? ''} onCommit={set('key')} wide />
        <TextFilter label="Operation id" value={f.operationId ?? ''} onCommit={set('operationId')} wide />
        <DateFilter label="Since" value={f.since ?? ''} onCommit={set('since')} />
        <DateFilter label="Until (incl.)" value={f.until ?? ''} onCommit={set('until')} />
      </FilterBar>
      <div className={`split${selected || historyOnly ? ' with-detail' : ''}`}>
        <DataTable
          id="changes"
          label="Changes"
          columns={columns}
          rows={data.rows}
          rowKey={(r) => String(r.seq)}
          status={data.status}
          error={data.error}
          onRetry={data.reload}
          busy={data.busy}
          hasMore={data.hasMore}
          onLoadMore={() => setState(withPages(state, state.pages + 1))}
          order="desc"
          selected={state.selected}
          onSelect={(k) => setState(withSelected(state, k))}
          empty={filtered ? 'No change matches these filters.' : 'No changes recorded yet: a catch-up records every row it writes.'}
        />
        {selected && <ChangeDetail change={selected} onClose={() => setState(withSelected(state, null))} />}
        {historyOnly && f.table && f.key && (
          <DetailPanel title={`History of ${f.table} ${f.key}`} onClose={() => setState({ ...state, filters: { tab: 'changes' } })} testId="history-detail">
            <RecordHistory table={f.table} recordKey={f.key} />
          </DetailPanel>
        )}
      </div>
    </>
  );
}
