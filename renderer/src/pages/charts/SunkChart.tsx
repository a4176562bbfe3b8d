import { useMemo } from 'react';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RetirementRow, SinkingTxRow } from '../../../../shared/api/views';
import { api } from '../../api/client';
import { formatAmount } from '../../format/amount';
import { monthlySeries } from '../../format/series';
import { ChartFrame, ChartState, useAllPages, useChartColors } from './chartKit';

const fetchSinks = (cursor: string | null) => api.call('views.sinkingTxs', { order: 'asc', limit: 1000, ...(cursor ? { cursor } : {}) });
const fetchRetirements = (cursor: number | null) => api.call('views.retirements', { order: 'asc', limit: 1000, ...(cursor !== null ? { cursor } : {}) });

/** Carbon sunk per month (bars) and cumulative sunk vs retired (lines). */
export function SunkCharts() {
  const c = useChartColors();
  const sinks = useAllPages<SinkingTxRow, string>(fetchSinks);
  const rets = useAllPages<RetirementRow, number>(fetchRetirements);
  const data = useMemo(() => {
    if (!sinks || !rets || 'error' in sinks || 'error' in rets) return [];
    return monthlySeries(
      sinks.rows.map((s) => ({ at: s.created_at, amount: s.carbon_amount })),
      rets.rows.map((r) => ({ at: r.retirement_date, amount: r.vcu_amount })),
    ).map((p) => ({ ...p, sunkN: Number(p.sunk), sunkCumN: Number(p.sunkCum), retiredCumN: Number(p.retiredCum) }));
  }, [sinks, rets]);
  const state = sinks && 'error' in sinks ? sinks : rets && 'error' in rets ? rets : sinks && rets ? { rows: data } : null;
  const tip = (value: unknown, name: unknown, item: { payload?: Record<string, string> }) => {
    const key = name === 'Sunk' ? 'sunk' : name === 'Cumulative sunk' ? 'sunkCum' : 'retiredCum';
    return [`${formatAmount(item.payload?.[key] ?? String(value))} t`, String(name)];
  };
  return (
    <>
      <ChartFrame title="Carbon sunk per month (t)" testId="chart-sunk-month">
        <ChartState state={state} empty="No sales yet." />
        {state && !('error' in state) && data.length > 0 && (
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid stroke={c.grid} vertical={false} />
              <XAxis dataKey="month" stroke={c.muted} fontSize={11} />
              <YAxis stroke={c.muted} fontSize={11} width={48} />
              <Tooltip formatter={tip} />
              <Bar dataKey="sunkN" name="Sunk" fill={c.accent} isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        )}
      </ChartFrame>
      <ChartFrame title="Cumulative carbon sunk vs retired (t)" testId="chart-cumulative" note="Retired = VCUs retired at Verra by retirement date.">
        <ChartState state={state} empty="No sales or retirements yet." />
        {state && !('error' in state) && data.length > 0 && (
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid stroke={c.grid} vertical={false} />
              <XAxis dataKey="month" stroke={c.muted} fontSize={11} />
              <YAxis stroke={c.muted} fontSize={11} width={48} />
              <Tooltip formatter={tip} />
              <Legend />
              <Line type="stepAfter" dataKey="sunkCumN" name="Cumulative sunk" stroke={c.accent} dot={false} strokeWidth={2} isAnimationActive={false} />
              <Line type="stepAfter" dataKey="retiredCumN" name="Cumulative retired" stroke={c.second} dot={false} strokeWidth={2} isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        )}
      </ChartFrame>
    </>
  );
}
