import { DetailPanel, Field } from '../components/DetailPanel';
import { StatusBadge, operationTone } from '../components/StatusBadge';
import { ErrorState, Loading } from '../components/StatusViews';
import { Time } from '../components/TimeCell';
import { prettyJson } from '../format/jsonText';
import { formatDuration } from '../format/time';
import { useApi } from '../hooks/useApi';
import { hrefFor } from '../router';

/** One operation of the audit log: who ran what, with its parameters and result as exact JSON text. */
export function OperationDetail({ id, onClose }: { id: string; onClose: () => void }) {
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
