import { PROVENANCE_STATUSES } from '../../../../shared/api/provenance';
import { api } from '../../api/client';
import { StatusBadge } from '../../components/StatusBadge';
import { TableView } from '../../components/table/TableView';
import { defineTableView } from '../../components/table/tableViewSpec';
import { Time } from '../../components/TimeCell';
import { PROVENANCE_TONE, ProvenanceDetail } from '../../details/ProvenanceDetail';
import { provenanceSentence, provenanceTone } from '../../format/provenance';
import { useApi } from '../../hooks/useApi';
import { hrefFor } from '../../router';
import { DATA_TABLES, anyOf } from './dataTables';
import { TextCell } from '../../components/TextCell';

export const provenanceView = defineTableView({
  page: 'audit',
  id: 'provenance',
  label: 'Provenance of bootstrapped rows',
  method: 'provenance.rows',
  fixed: { tab: 'provenance' },
  filters: [
    { key: 'status', label: 'Status', kind: 'select', options: anyOf(PROVENANCE_STATUSES), testId: 'filter-provenance-status' },
    { key: 'table', label: 'Table', kind: 'select', options: anyOf(DATA_TABLES), testId: 'filter-provenance-table' },
  ],
  // The list comes whole (one page).
  fetchPage: (params) => api.call('provenance.rows', params).then((rows) => ({ rows, nextCursor: null })),
  columns: [
    { id: 'status', header: 'Status', size: 135, cell: ({ row }) => <StatusBadge tone={PROVENANCE_TONE[row.original.status]}>{row.original.status}</StatusBadge> },
    { id: 'table', header: 'Table', size: 160, cell: ({ row }) => <span className="mono">{row.original.table}</span> },
    {
      id: 'key',
      header: 'Record',
      size: 300,
      cell: ({ row }) => <TextCell value={row.original.key} mono />,
    },
    { id: 'source', header: 'Checked against', size: 220, cell: ({ row }) => <TextCell value={row.original.source} /> },
    { id: 'detail', header: 'Detail', size: 300, cell: ({ row }) => <TextCell value={row.original.detail} /> },
    { id: 'checkedAt', header: 'Checked (UTC)', size: 190, cell: ({ row }) => <Time value={row.original.checkedAt} /> },
  ],
  rowKey: (r) => `${r.table}/${r.key}`,
  defaultHidden: ['checkedAt'],
  detail: ({ selected, rows, close }) => {
    const row = selected ? rows.find((r) => `${r.table}/${r.key}` === selected) : undefined;
    return row ? <ProvenanceDetail row={row} onClose={close} /> : null;
  },
  empty: { filtered: 'No bootstrapped row matches these filters.', none: 'No row was taken from published data or a restore.' },
});

/**
 * Every row taken from a bootstrap or restore (the published data, on Stellarcarbon's word) with the verdict of
 * the provenance check: confirmed by Horizon/Verra, differs, unconfirmable (the source no longer holds it), or
 * unchecked (never checked, or changed since). Filters live in the URL, e.g. #/audit?tab=provenance&status=differs.
 */
export function ProvenanceTab() {
  const [summary] = useApi('provenance.summary', {});
  const s = summary.state === 'ready' ? summary.value : null;
  return (
    <>
      <p className="provenance-summary" data-testid="provenance-summary">
        {s && s.bootstrapped > 0 ? (
          <>
            <StatusBadge tone={provenanceTone(s)}>provenance</StatusBadge> {provenanceSentence(s)}
            {s.differs > 0 && <span className="error-text">, {s.differs} differ from the sources</span>}
            {s.unchecked > 0 && (
              <>
                , {s.unchecked} unchecked (<a href={hrefFor('audit', { tab: 'verify' })}>verify with sources</a> checks them)
              </>
            )}
            {s.lastCheckedAt && (
              <span className="muted">
                {' '}
                · last checked <Time value={s.lastCheckedAt} />
              </span>
            )}
          </>
        ) : (
          s && <span className="muted">No row was taken from published data or a restore: every row came from Horizon and Verra through a catch-up.</span>
        )}
      </p>
      <TableView spec={provenanceView} />
    </>
  );
}
