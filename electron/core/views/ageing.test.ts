import { describe, expect, it } from 'vitest';
import { NOW, seededDb, TX_OLD_OPEN, TX_RECENT } from '../../testkit/auditTestDb.js';
import { verifyDatabase } from '../audit/verify.js';
import { saleAgeing } from './ageing.js';
import { listSinkingTxs } from './sinkingTxs.js';

describe('ageing of sales (the Overview chart)', () => {
  it('buckets the open sales by age and measures sale-to-retirement lags', () => {
    // Seed: TX1 (2024-01-10) and TX2 (2024-01-11) finalized by a retirement of 2024-02-01; two open sales.
    const a = saleAgeing(seededDb(), NOW);
    expect(a.open).toEqual([
      { label: '0–30', count: 1 },
      { label: '31–90', count: 0 },
      { label: '91–365', count: 0 },
      { label: 'over 365', count: 1 },
    ]);
    expect(a).toMatchObject({ finalized: 2, medianLagDays: 22, longestLagDays: 22, asOf: '2026-11-24T12:00:00' });
  });

  it("the grace-period finding's list filter gives exactly its sales", () => {
    const db = seededDb();
    for (const graceDays of [10, 90]) {
      const grace = verifyDatabase(db, { graceDays, now: NOW }).checks.find((c) => c.id === 'grace-period')!;
      const listed = listSinkingTxs(db, { ...grace.listParams, order: 'asc' }).rows.map((r) => r.hash);
      expect(listed).toEqual(grace.offenders.map((o) => o.key));
      expect(listed).toEqual(graceDays === 10 ? [TX_OLD_OPEN, TX_RECENT] : [TX_OLD_OPEN]);
    }
  });
});
