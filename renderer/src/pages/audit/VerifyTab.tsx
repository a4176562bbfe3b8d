import { useState } from 'react';
import type { VerifyReport } from '../../../../shared/api/audit';
import { api, errorText } from '../../api/client';
import { StatusBadge, operationTone } from '../../components/StatusBadge';
import { ErrorState, Loading } from '../../components/StatusViews';
import { Time } from '../../components/TimeCell';
import { Hash } from '../../components/AddressCell';
import { useApi } from '../../useApi';

function Report({ report }: { report: VerifyReport }) {
  return (
    <div data-testid="verify-report">
      <p>
        <StatusBadge tone={report.ok ? 'ok' : 'warn'}>{report.ok ? 'all checks pass' : 'findings'}</StatusBadge> checked <Time value={report.checkedAt} /> · grace{' '}
        {report.graceDays} days {report.head && <>· chain head <Hash value={report.head.hash} /></>}
      </p>
      <table className="mini">
        <thead>
          <tr>
            <th>Check</th>
            <th>Status</th>
            <th className="num">Count</th>
            <th>Offenders</th>
          </tr>
        </thead>
        <tbody>
          {report.checks.map((c) => (
            <tr key={c.id}>
              <td>{c.title}</td>
              <td>
                <StatusBadge tone={operationTone(c.status)}>{c.status}</StatusBadge>
              </td>
              <td className="num">{c.count}</td>
              <td>
                <ul className="plain small">
                  {c.offenders.slice(0, 20).map((o, i) => (
                    <li key={i}>
                      {o.table && <span className="mono">{o.table} </span>}
                      {o.key && <span className="mono">{o.key}: </span>}
                      {o.message}
                    </li>
                  ))}
                  {c.offenders.length > 20 && <li className="muted">… {c.offenders.length - 20} more</li>}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Runs the audit checks (chain integrity, coverage of sales within the grace period, …) and shows the last result. */
export function VerifyTab() {
  const [last, reload] = useApi('audit.operations', { kind: 'verify', limit: 1 });
  const [fresh, setFresh] = useState<VerifyReport | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  async function run() {
    setRunning(true);
    setError(null);
    try {
      setFresh(await api.call('audit.verify', {}));
      reload();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setRunning(false);
    }
  }
  const lastOp = last.state === 'ready' ? last.value.rows[0] : undefined;
  let lastReport: VerifyReport | null = null;
  if (lastOp?.result) {
    try {
      // A verify result holds counts and texts only (no TOIDs), so JSON.parse is exact here.
      lastReport = JSON.parse(lastOp.result) as VerifyReport;
    } catch {
      lastReport = null;
    }
  }
  const report = fresh ?? lastReport;
  return (
    <div className="verify">
      <p>
        <button type="button" className="primary" onClick={() => void run()} disabled={running} data-testid="verify-run">
          {running ? 'Verifying…' : 'Run verify'}
        </button>{' '}
        {lastOp && !fresh && (
          <span className="muted">
            last run <Time value={lastOp.startedAt} /> <StatusBadge tone={operationTone(lastOp.status)}>{lastOp.status}</StatusBadge>
          </span>
        )}
      </p>
      {error && <ErrorState code={error.code} message={error.message} onRetry={() => void run()} />}
      {last.state === 'loading' && <Loading />}
      {report && report.checks ? <Report report={report} /> : !running && last.state === 'ready' && <p className="muted">No verify has run yet. Run one to check the data.</p>}
    </div>
  );
}
