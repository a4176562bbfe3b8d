import { useState } from 'react';
import type { VerifyReport } from '../../../../shared/api/audit';
import { api, errorText, refreshAllViews } from '../../api/client';
import { Hash } from '../../components/AddressCell';
import { StatusBadge, operationTone } from '../../components/StatusBadge';
import { ErrorState, Loading } from '../../components/StatusViews';
import { Time } from '../../components/TimeCell';
import { provenanceSentence, provenanceTone } from '../../format/provenance';
import { useApi } from '../../hooks/useApi';
import { linkToProvenance } from '../links';

/** What the operation log keeps of a verify: the verdict and the checks that did not pass, with counts. */
interface StoredVerify {
  ok?: boolean;
  failed?: { check: string; count: number }[];
  findings?: { check: string; count: number }[];
  checks?: VerifyReport['checks'];
}

/** The provenance check that ran first (verify with sources), or why it could not finish. */
function ProvenanceLine({ report }: { report: VerifyReport }) {
  const run = report.provenance;
  return (
    <>
      {run && (
        <p data-testid="verify-provenance">
          <StatusBadge tone={provenanceTone(run.summary)}>provenance</StatusBadge> {provenanceSentence(run.summary)}
          {run.summary.differs > 0 && <span className="error-text">, {run.summary.differs} differ from the sources</span>}
          {run.summary.unchecked > 0 && <>, {run.summary.unchecked} unchecked</>}
          <span className="muted">
            {' '}
            · this run checked {run.checked} {run.checked === 1 ? 'row' : 'rows'} with {run.requests} {run.requests === 1 ? 'request' : 'requests'} ·{' '}
            <a href={linkToProvenance()}>list</a>
          </span>
        </p>
      )}
      {report.provenanceError && (
        <p className="error-text" role="alert" data-testid="verify-provenance-error">
          The provenance check could not finish: {report.provenanceError}. Its rows stay unchecked; the other checks ran on the database.
        </p>
      )}
    </>
  );
}

function Report({ report }: { report: VerifyReport }) {
  return (
    <div data-testid="verify-report">
      <p>
        <StatusBadge tone={report.ok ? 'ok' : 'warn'}>{report.ok ? 'all checks pass' : 'findings'}</StatusBadge> checked <Time value={report.checkedAt} /> · grace{' '}
        {report.graceDays} days {report.head && <>· chain head <Hash value={report.head.hash} /></>}
      </p>
      <ProvenanceLine report={report} />
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
            <tr key={c.id} data-check={c.id}>
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

/** The last verify as the operation log keeps it (no offenders): the verdict and the counts of open checks. */
function StoredReport({ stored }: { stored: StoredVerify }) {
  const open = [...(stored.failed ?? []).map((c) => ({ ...c, fail: true })), ...(stored.findings ?? []).map((c) => ({ ...c, fail: false }))];
  return (
    <div data-testid="verify-stored">
      <p>
        <StatusBadge tone={stored.ok ? (open.length ? 'warn' : 'ok') : 'danger'}>{stored.ok ? (open.length ? 'pass with findings' : 'all checks pass') : 'fail'}</StatusBadge>{' '}
        {open.map((c) => (
          <span key={c.check} className={c.fail ? 'error-text' : 'muted'}>
            {c.check}: {c.count}{' '}
          </span>
        ))}
      </p>
      <p className="muted small">Run verify again to see each check with its offenders.</p>
    </div>
  );
}

/**
 * Runs the audit checks (chain integrity, coverage of sales within the grace period, provenance, history gaps…).
 * "Verify (with sources)" first re-derives the rows taken from the published data from Horizon and Verra;
 * "Verify offline" checks the database alone.
 */
export function VerifyTab() {
  const [last, reload] = useApi('audit.operations', { kind: 'verify', limit: 1 });
  // Every verify stores its whole report (also the one after each catch-up): shown until a new one runs here.
  const [storedReport] = useApi('audit.lastVerify', {});
  const [fresh, setFresh] = useState<VerifyReport | null>(null);
  const [running, setRunning] = useState<'sources' | 'offline' | null>(null);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [withSources, setWithSources] = useState(true);
  async function run(sources: boolean) {
    setFresh(null);
    setRunning(sources ? 'sources' : 'offline');
    setWithSources(sources);
    setError(null);
    try {
      setFresh(await api.call('audit.verify', { sources }));
      reload();
      // The provenance check stored verdicts: the Overview's line and the provenance list change.
      if (sources) refreshAllViews();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setRunning(null);
    }
  }
  const lastOp = last.state === 'ready' ? last.value.rows[0] : undefined;
  let stored: StoredVerify | null = null;
  if (lastOp?.result) {
    try {
      // A verify result holds counts and texts only (no TOIDs), so JSON.parse is exact here.
      stored = JSON.parse(lastOp.result) as StoredVerify;
    } catch {
      stored = null;
    }
  }
  // While a run goes, the earlier report steps aside (the new one replaces it when it is done).
  const earlier = running ? null : (storedReport.state === 'ready' ? storedReport.value : null);
  const report = fresh ?? earlier ?? (stored?.checks ? (stored as VerifyReport) : null);
  return (
    <div className="verify">
      <p className="actions-row">
        <button type="button" className="primary" onClick={() => void run(true)} disabled={running !== null} data-testid="verify-run" title="Re-derives the rows taken from the published data from Horizon and Verra, then runs every check">
          {running === 'sources' ? 'Verifying with sources…' : 'Verify (with sources)'}
        </button>
        <button type="button" onClick={() => void run(false)} disabled={running !== null} data-testid="verify-offline" title="Every check on the database alone, no network">
          {running === 'offline' ? 'Verifying…' : 'Verify offline'}
        </button>
        {lastOp && !fresh && (
          <span className="muted">
            last run <Time value={lastOp.startedAt} /> <StatusBadge tone={operationTone(lastOp.status)}>{lastOp.status}</StatusBadge>
          </span>
        )}
      </p>
      {running === 'sources' && (
        <p className="muted" role="status" data-testid="verify-running">
          Checking the rows taken from the published data against Horizon and Verra, then every check on the database…
        </p>
      )}
      {error && <ErrorState code={error.code} message={error.message} onRetry={() => void run(withSources)} />}
      {last.state === 'loading' && <Loading />}
      {report ? (
        <Report report={report} />
      ) : stored && !running ? (
        <StoredReport stored={stored} />
      ) : (
        !running && last.state === 'ready' && <p className="muted">No verify has run yet. Run one to check the data.</p>
      )}
    </div>
  );
}
