import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDuration } from '../../format/time';
import { useApi } from '../../hooks/useApi';
import { ChartFrame, ChartState, useChartColors } from './chartKit';

/** Operations per day by kind (stacked) and how long each catch-up took. */
export function OperationsCharts() {
  const c = useChartColors();
  const [usage] = useApi('audit.usage', {});
  const [catchUps] = useApi('audit.operations', { kind: 'catch-up', limit: 200 });
  const { days, kinds } = useMemo(() => {
    if (usage.state !== 'ready') return { days: [], kinds: [] as string[] };
    const kinds = [...new Set(usage.value.perDay.map((d) => d.kind))].sort();
    const byDay = new Map<string, Record<string, number | string>>();
    for (const d of usage.value.perDay) {
      const row = byDay.get(d.day) ?? { day: d.day };
      row[d.kind] = d.count;
      byDay.set(d.day, row);
    }
    return { days: [...byDay.values()].sort((a, b) => String(a.day).localeCompare(String(b.day))), kinds };
  }, [usage]);
  const durations = useMemo(
    () =>
      catchUps.state === 'ready'
        ? catchUps.value.rows
            .filter((o) => o.durationMs !== null)
            .map((o) => ({ at: o.startedAt.replace('T', ' ').slice(0, 16), seconds: (o.durationMs ?? 0) / 1000, ms: o.durationMs, status: o.status }))
            .reverse()
        : [],
    [catchUps],
  );
  const usageState = usage.state === 'loading' ? null : usage.state === 'error' ? { error: usage } : { rows: days };
  const durState = catchUps.state === 'loading' ? null : catchUps.state === 'error' ? { error: catchUps } : { rows: durations };
  return (
    <>
      <ChartFrame title="Operations per day by kind" testId="chart-ops">
        <ChartState state={usageState} empty="No operations yet." />
        {days.length > 0 && (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid stroke={c.grid} vertical={false} />
              <XAxis dataKey="day" stroke={c.muted} fontSize={11} />
              <YAxis stroke={c.muted} fontSize={11} width={32} allowDecimals={false} />
              <Tooltip />
              <Legend />
              {kinds.map((k, i) => (
                <Bar key={k} dataKey={k} stackId="ops" fill={c.palette[i % c.palette.length]} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        )}
      </ChartFrame>
      <ChartFrame title="Catch-up durations (s)" testId="chart-durations">
        <ChartState state={durState} empty="No catch-up has finished yet." />
        {durations.length > 0 && (
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={durations} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid stroke={c.grid} vertical={false} />
              <XAxis dataKey="at" stroke={c.muted} fontSize={11} />
              <YAxis stroke={c.muted} fontSize={11} width={40} />
              <Tooltip formatter={(_v: unknown, _n: unknown, item: { payload?: { ms: number | null; status: string } }) => [`${formatDuration(item.payload?.ms ?? null)} (${item.payload?.status ?? ''})`, 'Duration']} />
              <Line dataKey="seconds" name="Duration" stroke={c.accent} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        )}
      </ChartFrame>
    </>
  );
}
