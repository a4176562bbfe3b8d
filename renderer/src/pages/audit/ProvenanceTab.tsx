import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { PROVENANCE_STATUSES, type ProvenanceRow, type ProvenanceRowStatus } from '../../../../shared/api/provenance';
import { DetailPanel, Field } from '../../components/DetailPanel';
import { FilterBar, SelectFilter } from '../../components/Filters';
import { type BadgeTone, StatusBadge } from '../../components/StatusBadge';
import { DataTable } from '../../components/table/DataTable';
import { Time } from '../../components/TimeCell';
import { provenanceSentence, provenanceTone } from '../../format/provenance';
import { hrefFor } from '../../router';
import { type TableDefaults, type TableState, withFilter, withSelected } from '../../state/tableState';
import { useApi } from '../../hooks/useApi';
import { linkToHistory } from '../links';

export const PROVENANCE_DEFAULTS: TableDefaults = { filterKeys: ['tab', 'status', 'table'], order: 'desc' };
const TABLES = ['vcs_projects', 'minted_blocks', 'retirements', 'sinking_txs', 'distribution_txs', 'retirement_from_block', 'sink_status'] as const;
type TableName = (typeof TABLES)[number];
const PROVENANCE_TONE: Record<ProvenanceRowStatus, BadgeTone> = { confirmed: 'ok', differs: 'danger', unconfirmable: 'warn', unchecked: 'muted' };

const rowKey = (r: ProvenanceRow) => `${r.table}/${r.key}`;

/** URL filters → provenance.rows params; an unknown status or table is left out, never sent. */
function rowParams(f: Record<string, string>): { status?: ProvenanceRowStatus; table?: TableName } {
  const status = PROVENANCE_STATUSES.find((s) => s === f.status);
  const table = TABLES.find((t) => t === f.table);
  return { ...(status ? { status } : {}), ...(table ? { table } : {}) };
}

function ProvenanceDetail({ row, onClose }: { row: ProvenanceRow; onClose: () => void }) {
  return (
    <DetailPanel title={<span title={row.key}>Provenance of a {row.table} row</span>} onClose={onClose} testId="provenance-detail">
      <dl className="fields">
        <Field label="Status">
          <StatusBadge tone={PROVENANCE_TONE[row.status]}>{row.status}</StatusBadge>
        </Field>
        <Field label="Record">
          <span className="mono small">{row.key}</span>
        </Field>
        <Field label="Checked against">{row.source ?? <span className="muted">—</span>}</Field>
        <Field label="Checked">
          <Time value={row.checkedAt} />
        </Field>
        {row.detail && <Field label="Detail">{row.detail}</Field>}
      </dl>
      <div className="links">
        <a href={linkToHistory(row.table, row.key)}>Full history of this record</a>
      </div>
    </DetailPanel>
  );
}

/**
 * Every row taken from a bootstrap or restore (the published data, on Stellarcarbon's word) with the verdict of
 * the provenance check: confirmed by Horizon/Verra, differs, unconfirmable (the source no longer holds it), or
 * unchecked (never checked, or changed since). Filters live in the URL, e.g. #/audit?tab=provenance&status=differs.
 */
export function ProvenanceTab({ state, setState }: { state: TableState; setState: (s: TableState) => void }) {
  const params = useMemo(() => rowParams(state.filters), [state.filters]);
  const [rows, reload] = useApi('provenance.rows', params);
  const [summary] = useApi('provenance.summary', {});
  const columns = useMemo<ColumnDef<ProvenanceRow, unknown>[]>(
    () => [
      { id: 'status', header: 'Status', size: 135, cell: ({ row }) => <StatusBadge tone={PROVENANCE_TONE[row.original.status]}>{row.original.status}</StatusBadge> },
      { id: 'table', header: 'Table', size: 160, cell: ({ row }) => <span className="mono">{row.original.table}</span> },
      { id: 'key', header: 'Record', size: 300, cell: ({ row }) => <span className="mono" title={row.original.key}>{row.original.key}</span> },
      { id: 'source', header: 'Checked against', size: 220, cell: ({ row }) => <span title={row.original.source ?? ''}>{row.original.source ?? ''}</span> },
      { id: 'detail', header: 'Detail', size: 300, cell: ({ row }) => <span title={row.original.detail ?? ''}>{row.original.detail ?? ''}</span> },
      { id: 'checkedAt', header: 'Checked (UTC)', size: 190, cell: ({ row }) => <Time value={row.original.checkedAt} /> },
    ],
    [],
  );
  const set = (k: string) => (v: string) => setState(withFilter(state, k, v));
  const filtered = Boolean(params.status || params.table);
  const list = rows.state === 'ready' ? rows.value : [];
  const selected = state.selected ? list.find((r) => rowKey(r) === state.selected) : undefined;
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
      <FilterBar active={filtered} onClear={() => setState({ ...state, filters: { tab: 'provenance' }, pages: 1, selected: null })}>
        <SelectFilter
          label="Status"
          value={params.status ?? ''}
          onCommit={set('status')}
          options={[{ value: '', label: 'any' }, ...PROVENANCE_STATUSES.map((v) => ({ value: v, label: v }))]}
          testId="filter-provenance-status"
        />
        <SelectFilter
          label="Table"
          value={params.table ?? ''}
          onCommit={set('table')}
          options={[{ value: '', label: 'any' }, ...TABLES.map((t) => ({ value: t, label: t }))]}
          testId="filter-provenance-table"
        />
      </FilterBar>
      <div className={`split${selected ? ' with-detail' : ''}`}>
        <DataTable
          id="provenance"
          label="Provenance of bootstrapped rows"
          columns={columns}
          rows={list}
          rowKey={rowKey}
          status={rows.state}
          error={rows.state === 'error' ? { code: rows.code, message: rows.message } : null}
          onRetry={reload}
          selected={state.selected}
          onSelect={(k) => setState(withSelected(state, k))}
          defaultHidden={['checkedAt']}
          empty={filtered ? 'No bootstrapped row matches these filters.' : 'No row was taken from published data or a restore.'}
        />
        {selected && <ProvenanceDetail row={selected} onClose={() => setState(withSelected(state, null))} />}
      </div>
    </>
  );
}
