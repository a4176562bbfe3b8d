import type { ProvenanceRow, ProvenanceRowStatus } from '../../../shared/api/provenance';
import { DetailPanel, Field } from '../components/DetailPanel';
import { type BadgeTone, StatusBadge } from '../components/StatusBadge';
import { Time } from '../components/TimeCell';
import { linkToHistory } from '../pages/links';

export const PROVENANCE_TONE: Record<ProvenanceRowStatus, BadgeTone> = { confirmed: 'ok', differs: 'danger', unconfirmable: 'warn', unchecked: 'muted' };

export function ProvenanceDetail({ row, onClose }: { row: ProvenanceRow; onClose: () => void }) {
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
