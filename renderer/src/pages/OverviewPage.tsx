import type { OperationRow } from '../../../shared/api/audit';
import { Hash } from '../components/AddressCell';
import { Amount } from '../components/AmountCell';
import { StatusBadge, operationTone } from '../components/StatusBadge';
import { ErrorState, Loading } from '../components/StatusViews';
import { Time } from '../components/TimeCell';
import { sumAmounts } from '../format/amount';
import { formatDuration } from '../format/time';
import { hrefFor } from '../router';
import { useApi } from '../hooks/useApi';
import { OverviewFindings } from './overview/OverviewFindings';
import { OverviewVerdict } from './overview/OverviewVerdict';
import { Welcome } from './Welcome';

function Card({ label, children, sub, testId, wide }: { label: string; children: React.ReactNode; sub?: React.ReactNode; testId?: string; wide?: boolean }) {
  return (
    <div className={`card${wide ? ' wide' : ''}`} data-testid={testId}>
      <span className="label">{label}</span>
      <span className="value">{children}</span>
      {sub && <span className="sub">{sub}</span>}
    </div>
  );
}

function LastCatchUp({ op }: { op: OperationRow | undefined }) {
  if (!op) return <span className="muted">never</span>;
  return (
    <>
      <StatusBadge tone={operationTone(op.status)}>{op.status}</StatusBadge> <Time value={op.finishedAt ?? op.startedAt} />
    </>
  );
}

export function OverviewPage() {
  const [info, reload] = useApi('app.info', {});
  const [stats] = useApi('views.stats', {});
  const [inventory] = useApi('views.inventory', { omitEmpty: false });
  const [catchUps] = useApi('audit.operations', { kind: 'catch-up', limit: 1 });
  const [verifies] = useApi('audit.operations', { kind: 'verify', limit: 1 });
  const [stored] = useApi('audit.lastVerify', {});
  const [head] = useApi('audit.head', {});
  // The project list alone (loaded by the first step of any catch-up, even a failed one) is not data yet.
  const empty = info.state === 'ready' && info.value.rowCounts.every((r) => r.rows === 0 || r.table === 'vcs_projects');
  const s = stats.state === 'ready' ? stats.value : null;
  const blocks = inventory.state === 'ready' ? inventory.value.rows : null;
  const lastCatchUp = catchUps.state === 'ready' ? catchUps.value.rows[0] : undefined;
  const lastVerify = verifies.state === 'ready' ? verifies.value.rows[0] : undefined;
  // The stored report the verdict above reads too: one source for "pass · N checks with findings".
  const report = stored.state === 'ready' ? stored.value : null;
  const verify = report && { ok: report.ok, findings: report.checks.filter((c) => c.status !== 'pass').length };
  const dash = <span className="muted">—</span>;
  const rowsOf = (table: string) => {
    const n = info.state === 'ready' ? info.value.rowCounts.find((r) => r.table === table)?.rows : undefined;
    return n === undefined ? dash : <Amount value={n} />;
  };
  return (
    <section className="page" aria-labelledby="overview-title">
      <div className="page-head">
        <h1 id="overview-title">Overview</h1>
        <p>Stellarcarbon's carbon sold on Stellar and retired at Verra.</p>
      </div>
      {info.state === 'loading' && <Loading />}
      {info.state === 'error' && <ErrorState code={info.code} message={info.message} onRetry={reload} />}
      {empty && <Welcome />}
      {/* Findings lead: the stored verdict with each open check, then the first-run findings, then the figures. */}
      {info.state === 'ready' && !empty && <OverviewVerdict />}
      {info.state === 'ready' && !empty && <OverviewFindings />}
      {info.state === 'ready' && !empty && (
        <div className="cards" data-testid="overview-cards">
          <Card label="Carbon sunk" testId="card-sunk" sub="tonnes sold (CarbonSINK)">
            {s ? <Amount value={s.carbon_sunk} /> : dash}
          </Card>
          <Card label="Carbon retired" testId="card-retired" sub="tonnes covered by retirements">
            {s ? <Amount value={s.carbon_retired} /> : dash}
          </Card>
          <Card label="Pending retirement" testId="card-pending" sub={<a href={hrefFor('sinks', { finalized: 'no' })}>sales not finalized</a>}>
            {s ? <Amount value={s.carbon_pending} /> : dash}
          </Card>
          <Card label="Carbon stored" testId="card-stored" sub="Σ minted block sizes">
            {s ? <Amount value={s.carbon_stored} /> : dash}
          </Card>
          <Card
            label="Minted vs remaining credits"
            testId="card-minted"
            wide
            sub={
              blocks && (
                <>
                  {blocks.length} blocks · <a href={hrefFor('inventory')}>inventory</a>
                </>
              )
            }
          >
            {blocks ? (
              <>
                <Amount value={sumAmounts(blocks.map((b) => b.credits_remaining))} /> <span className="muted small">of</span>{' '}
                <Amount value={sumAmounts(blocks.map((b) => b.size))} />
                <div className="meter" aria-hidden="true">
                  <span
                    style={{
                      width: `${Math.round((100 * blocks.reduce((n, b) => n + b.credits_remaining, 0)) / Math.max(1, blocks.reduce((n, b) => n + b.size, 0)))}%`,
                    }}
                  />
                </div>
              </>
            ) : (
              dash
            )}
          </Card>
          <Card
            label="Last catch-up"
            testId="card-last-catchup"
            wide
            sub={
              lastCatchUp && (
                <>
                  by {lastCatchUp.actor} via {lastCatchUp.via ?? 'cli'} · {formatDuration(lastCatchUp.durationMs)}
                  {lastCatchUp.latestLedger !== null && <> · Horizon ledger {lastCatchUp.latestLedger}</>}
                  {lastCatchUp.error && <> · {lastCatchUp.error}</>}
                </>
              )
            }
          >
            <LastCatchUp op={lastCatchUp} />
          </Card>
          <Card
            label="Verify"
            testId="card-verify"
            sub={lastVerify ? <Time value={lastVerify.finishedAt ?? lastVerify.startedAt} /> : <a href={hrefFor('audit', { tab: 'verify' })}>run a verify</a>}
          >
            {verify ? (
              <StatusBadge tone={verify.ok && verify.findings === 0 ? 'ok' : verify.ok ? 'warn' : 'danger'}>
                {`${verify.ok ? 'pass' : 'fail'}${verify.findings === 0 ? '' : ` · ${verify.findings} ${verify.findings === 1 ? 'check' : 'checks'} with findings`}`}
              </StatusBadge>
            ) : lastVerify ? (
              <StatusBadge tone={operationTone(lastVerify.status)}>{lastVerify.status}</StatusBadge>
            ) : (
              <span className="muted">not run</span>
            )}
          </Card>
          <Card label="Audit chain head" testId="card-head" sub={head.state === 'ready' && head.value ? `seq ${head.value.seq}` : undefined}>
            {head.state === 'ready' && head.value ? <Hash value={head.value.hash} /> : dash}
          </Card>
          <Card label="Sinking transactions" testId="card-sales" sub={<a href={hrefFor('sinks')}>browse sales</a>}>
            {rowsOf('sinking_txs')}
          </Card>
          <Card label="Retirements" testId="card-retirements" sub={<a href={hrefFor('retirements')}>browse retirements</a>}>
            {rowsOf('retirements')}
          </Card>
        </div>
      )}
      {info.state === 'ready' && (
        <>
          <h2>Database</h2>
          <dl className="facts" data-testid="app-facts">
            <div>
              <dt>App version</dt>
              <dd data-testid="app-version">{info.value.appVersion}</dd>
            </div>
            <div>
              <dt>Schema version</dt>
              <dd data-testid="schema-version">{info.value.schemaVersion}</dd>
            </div>
            <div className="wide">
              <dt>Database file</dt>
              <dd data-testid="db-path" className="mono">
                {info.value.dbPath}
              </dd>
            </div>
          </dl>
          <table className="grid compact" data-testid="row-counts">
            <thead>
              <tr>
                <th scope="col">Table</th>
                <th scope="col" className="num">
                  Rows
                </th>
              </tr>
            </thead>
            <tbody>
              {info.value.rowCounts.map((r) => (
                <tr key={r.table} data-table={r.table}>
                  <td className="mono">{r.table}</td>
                  <td className="num">{r.rows}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
