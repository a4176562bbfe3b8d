import { useEffect, useState } from 'react';
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../../api/client';
import { sumAmounts } from '../../format/amount';
import { monthEnd, monthRange } from '../../format/series';
import { todayUtc } from '../../format/time';
import { useApi } from '../../hooks/useApi';
import { ChartFrame, ChartState, useChartColors } from './chartKit';

interface Point {
  date: string;
  remaining: number;
  minted: number;
}

/**
 * Inventory remaining over time: the server's own as-of inventory at each month's end (exact, the same numbers
 * as the Inventory page with that date), fetched a few at a time.
 */
export function InventoryChart() {
  const c = useChartColors();
  const [now] = useApi('views.inventory', { omitEmpty: false });
  const [points, setPoints] = useState<Point[] | { error: { code: string; message: string } } | null>(null);
  const first = now.state === 'ready' ? (now.value.rows[0]?.created_at.slice(0, 7) ?? null) : undefined;
  useEffect(() => {
    if (first === undefined || first === null) return;
    let live = true;
    const months = monthRange(first, todayUtc().slice(0, 7));
    (async () => {
      const out: Point[] = [];
      for (let i = 0; i < months.length; i += 6) {
        const batch = months.slice(i, i + 6);
        const invs = await Promise.all(batch.map((m) => api.call('views.inventory', { omitEmpty: false, untilDate: monthEnd(m) })));
        invs.forEach((inv, k) =>
          out.push({
            date: batch[k] ?? '',
            remaining: Number(sumAmounts(inv.rows.map((r) => r.credits_remaining))),
            minted: Number(sumAmounts(inv.rows.map((r) => r.size))),
          }),
        );
      }
      if (live) setPoints(out);
    })().catch((err: { code?: string; message?: string }) => live && setPoints({ error: { code: err.code ?? 'INTERNAL', message: err.message ?? String(err) } }));
    return () => {
      live = false;
    };
  }, [first]);
  const state = first === null ? { rows: [] } : points === null ? null : Array.isArray(points) ? { rows: points } : points;
  return (
    <ChartFrame title="Inventory over time (credits, month ends)" testId="chart-inventory">
      <ChartState state={state} empty="No minted blocks yet." />
      {Array.isArray(points) && points.length > 0 && (
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke={c.grid} vertical={false} />
            <XAxis dataKey="date" stroke={c.muted} fontSize={11} />
            <YAxis stroke={c.muted} fontSize={11} width={48} />
            <Tooltip />
            <Legend />
            <Area type="stepAfter" dataKey="minted" name="Minted" stroke={c.second} fill={c.second} fillOpacity={0.15} isAnimationActive={false} />
            <Area type="stepAfter" dataKey="remaining" name="Remaining" stroke={c.accent} fill={c.accent} fillOpacity={0.35} isAnimationActive={false} />
          </AreaChart>
        </ResponsiveContainer>
      )}
    </ChartFrame>
  );
}
