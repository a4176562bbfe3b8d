import { api } from '../../api/client';
import { StatusBadge, operationTone } from '../../components/StatusBadge';
import { TableView } from '../../components/table/TableView';
import { defineTableView } from '../../components/table/tableViewSpec';
import { Time } from '../../components/TimeCell';
import { OperationDetail } from '../../details/OperationDetail';
import { formatDuration } from '../../format/time';
import { anyOf } from './dataTables';
import { TextCell } from '../../components/TextCell';

const PAGE_SIZE = 200;

export const operationsView = defineTableView({
  page: 'audit',
  id: 'operations',
  label: 'Operations',
  method: 'audit.operations',
  fixed: { tab: 'operations' },
  filters: [
    { key: 'kind', label: 'Kind', kind: 'text', placeholder: 'catch-up, export…', testId: 'filter-kind' },
    { key: 'actor', label: 'Actor', kind: 'text' },
    { key: 'status', label: 'Status', kind: 'select', options: anyOf(['running', 'ok', 'failed', 'cancelled']) },
    { key: 'since', label: 'Since', kind: 'date' },
    { key: 'until', label: 'Until (incl.)', kind: 'date' },
  ],
  fetchPage: (params, cursor) => api.call('audit.operations', { ...params, limit: PAGE_SIZE, ...(cursor !== null ? { before: cursor } : {}) }),
  columns: [
    { id: 'startedAt', header: 'Started (UTC)', size: 190, cell: ({ row }) => <Time value={row.original.startedAt} /> },
    { id: 'kind', header: 'Kind', size: 130, cell: ({ row }) => <span data-testid="op-kind">{row.original.kind}</span> },
    { id: 'status', header: 'Status', size: 100, cell: ({ row }) => <StatusBadge tone={operationTone(row.original.status)}>{row.original.status}</StatusBadge> },
    { id: 'duration', header: 'Duration', size: 90, cell: ({ row }) => formatDuration(row.original.durationMs), meta: { numeric: true } },
    { id: 'actor', header: 'Actor', size: 110, cell: ({ row }) => row.original.actor },
    { id: 'via', header: 'Via', size: 60, cell: ({ row }) => row.original.via ?? '' },
    { id: 'ledger', header: 'Ledger', size: 100, cell: ({ row }) => row.original.latestLedger ?? '', meta: { numeric: true } },
    {
      id: 'error',
      header: 'Error / note',
      size: 300,
      cell: ({ row }) => <TextCell value={row.original.error ?? row.original.note} />,
    },
    { id: 'seq', header: 'Seq', size: 70, cell: ({ row }) => row.original.seq, meta: { numeric: true, serverSort: true } },
  ],
  rowKey: (r) => r.id,
  defaultHidden: ['seq'],
  detail: ({ selected, close }) => selected && <OperationDetail id={selected} onClose={close} />,
  empty: { filtered: 'No operation matches these filters.', none: 'No operations recorded yet: every catch-up, export and settings change appears here.' },
});

export function OperationsTab() {
  return <TableView spec={operationsView} />;
}
