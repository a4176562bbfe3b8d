import { api } from '../../api/client';
import { DetailPanel } from '../../components/DetailPanel';
import { StatusBadge } from '../../components/StatusBadge';
import { TableView } from '../../components/table/TableView';
import { defineTableView } from '../../components/table/tableViewSpec';
import { Time } from '../../components/TimeCell';
import { ChangeDetail, KIND_TONE, RecordHistory } from '../../details/ChangeDetail';
import { hrefFor } from '../../router';
import { DATA_TABLES, anyOf } from './dataTables';
import { TextCell } from '../../components/TextCell';

const PAGE_SIZE = 200;

export const changesView = defineTableView({
  page: 'audit',
  id: 'changes',
  label: 'Changes',
  method: 'audit.changes',
  fixed: { tab: 'changes' },
  filters: [
    { key: 'table', label: 'Table', kind: 'select', options: anyOf(DATA_TABLES) },
    { key: 'key', label: 'Record key', kind: 'text', wide: true },
    { key: 'operationId', label: 'Operation id', kind: 'text', wide: true },
    { key: 'since', label: 'Since', kind: 'date' },
    { key: 'until', label: 'Until (incl.)', kind: 'date' },
  ],
  fetchPage: (params, cursor) => api.call('audit.changes', { ...params, limit: PAGE_SIZE, ...(cursor !== null ? { before: cursor } : {}) }),
  columns: [
    { id: 'changedAt', header: 'Changed (UTC)', size: 190, cell: ({ row }) => <Time value={row.original.changedAt} /> },
    { id: 'kind', header: 'Kind', size: 80, cell: ({ row }) => <StatusBadge tone={KIND_TONE[row.original.kind]}>{row.original.kind}</StatusBadge> },
    { id: 'table', header: 'Table', size: 160, cell: ({ row }) => <span className="mono">{row.original.table}</span> },
    {
      id: 'key',
      header: 'Record',
      size: 320,
      cell: ({ row }) => <TextCell value={row.original.key} mono />,
    },
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
  rowKey: (r) => String(r.seq),
  detail: ({ selected, rows, state, setState, close }) => {
    const change = selected ? rows.find((r) => String(r.seq) === selected) : undefined;
    if (change) return <ChangeDetail change={change} onClose={close} />;
    // A history link (table + key, no selection) opens the record's whole history at once.
    const { table, key } = state.filters;
    if (selected || !table || !key) return null;
    return (
      <DetailPanel title={`History of ${table} ${key}`} onClose={() => setState({ ...state, filters: { tab: 'changes' } })} testId="history-detail">
        <RecordHistory table={table} recordKey={key} />
      </DetailPanel>
    );
  },
  empty: { filtered: 'No change matches these filters.', none: 'No changes recorded yet: a catch-up records every row it writes.' },
});

export function ChangesTab() {
  return <TableView spec={changesView} />;
}
