import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Amount } from '../../components/AmountCell';
import { formatPercentChange as pct } from '../../format/amount';
import { ErrorState, Loading } from '../../components/StatusViews';
import { useApi } from '../../hooks/useApi';
import { ChartFrame, useChartColors } from './chartKit';

/** Year-over-year analytics: a table with the exact figures and bars of carbon sunk and sales per year. */
export function YoyCharts() {
  const c = useChartColors();
  const [yoy, reload] = useApi('views.analytics', {});
  if (yoy.state === 'loading') return <Loading />;
  if (yoy.state === 'error') return <ErrorState code={yoy.code} message={yoy.message} onRetry={reload} />;
  const data = yoy.value.map((r) => ({ ...r, carbonN: Number(r.carbon_sunk), usdN: Number(r.volume_usd) }));
  return (
    <>
      <ChartFrame title="Year over year" testId="chart-yoy">
        {data.length === 0 ? (
          <div className="state">No sales yet.</div>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid stroke={c.grid} vertical={false} />
              <XAxis dataKey="year" stroke={c.muted} fontSize={11} />
              <YAxis yAxisId="t" stroke={c.muted} fontSize={11} width={48} />
              <YAxis yAxisId="n" orientation="right" stroke={c.muted} fontSize={11} width={40} />
              <Tooltip />
              <Legend />
              <Bar yAxisId="t" dataKey="carbonN" name="Carbon sunk (t)" fill={c.accent} isAnimationActive={false} />
              <Bar yAxisId="n" dataKey="num_tx" name="Sales" fill={c.second} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        )}
      </ChartFrame>
      <figure className="chart" data-testid="table-yoy">
        <h2>Year over year (exact)</h2>
        <table className="mini">
          <thead>
            <tr>
              <th>Year</th>
              <th className="num">MAU</th>
              <th className="num">Sales</th>
              <th className="num">Volume USD</th>
              <th className="num">Carbon sunk (t)</th>
              <th className="num">Δ carbon</th>
            </tr>
          </thead>
          <tbody>
            {yoy.value.map((r) => (
              <tr key={r.year}>
                <td>{r.year}</td>
                <td className="num" title={pct(r.yoy_mau)}>
                  {r.mau}
                </td>
                <td className="num" title={pct(r.yoy_num_tx)}>
                  {r.num_tx}
                </td>
                <td className="num" title={pct(r.yoy_volume_usd)}>
                  <Amount value={r.volume_usd} />
                </td>
                <td className="num">
                  <Amount value={r.carbon_sunk} />
                </td>
                <td className="num">{pct(r.yoy_carbon_sunk)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figure>
    </>
  );
}
