import type { ChangeRow } from '../../../shared/api/audit';
import { DetailPanel } from '../components/DetailPanel';
import { StatusBadge } from '../components/StatusBadge';
import { ErrorState, Loading } from '../components/StatusViews';
import { Time } from '../components/TimeCell';
import { diffMembers } from '../format/jsonText';
import { useApi } from '../hooks/useApi';
import { hrefFor } from '../router';

export const KIND_TONE = { insert: 'ok', update: 'warn', delete: 'danger' } as const;

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
export function RecordHistory({ table, recordKey }: { table: string; recordKey: string }) {
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

export function ChangeDetail({ change, onClose }: { change: ChangeRow; onClose: () => void }) {
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
