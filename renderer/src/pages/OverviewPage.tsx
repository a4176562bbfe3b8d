import { ErrorState, Loading } from '../components/StatusViews';
import { useApi } from '../useApi';

export function OverviewPage() {
  const [info, reload] = useApi('app.info', {});
  return (
    <section className="page" aria-labelledby="overview-title">
      <h1 id="overview-title">Overview</h1>
      {info.state === 'loading' && <Loading />}
      {info.state === 'error' && <ErrorState code={info.code} message={info.message} onRetry={reload} />}
      {info.state === 'ready' && (
        <>
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
              <dt>Database</dt>
              <dd data-testid="db-path" className="mono">
                {info.value.dbPath}
              </dd>
            </div>
          </dl>
          <h2>Rows per table</h2>
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
