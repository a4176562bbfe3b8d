import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useApi } from '../../hooks/useApi';
import { useChartColors } from '../charts/chartKit';

const days = (n: number | null) => (n === null ? '—' : `${n} ${n === 1 ? 'day' : 'days'}`);

/** Ageing of open sales (days since the sale, in four buckets) and the median and longest sale-to-retirement lag. */
export function SaleAgeingChart() {
  const c = useChartColors();
  const [ageing] = useApi('views.saleAgeing', {});
  if (ageing.state !== 'ready') return null;
  const a = ageing.value;
  const openCount = a.open.reduce((n, b) => n + b.count, 0);
  return (
    <figure className="finding ageing" data-testid="overview-ageing">
      <figcaption>
        <strong>Open sales by age</strong> <span className="muted small">({openCount} not finalized, days since the sale)</span>
      </figcaption>
      {/* A picture of the text below (which says the same): hidden from assistive technology, and not focusable. */}
      <div className="ageing-box" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={a.open} margin={{ top: 4, right: 4, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <XAxis dataKey="label" stroke={c.muted} fontSize={11} interval={0} />
            <YAxis stroke={c.muted} fontSize={11} width={28} allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="count" name="Open sales" fill={c.third} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p className="small" data-testid="overview-ageing-text">
        {a.open.map((b) => `${b.label}: ${b.count}`).join(' · ')}
        <br />
        Sale to retirement: median {days(a.medianLagDays)}, longest {days(a.longestLagDays)} ({a.finalized} finalized)
      </p>
    </figure>
  );
}
