import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine.js';
import { restoreDatabase } from '../dump/restore.js';
import { SC_DATA_DIR, hasShared } from '../../testkit/sharedDir.js';
import { dispatch } from './dispatch.js';
import { createHandlers } from './handlers.js';

const ctx = { via: 'test' as const };

describe.skipIf(!hasShared)('views over the API', () => {
  const engine = new Engine(':memory:');
  const handlers = createHandlers(engine);
  const call = (name: string, params: unknown) => dispatch(handlers, name, params, ctx);
  beforeAll(() => {
    restoreDatabase(engine.writer(), SC_DATA_DIR);
  });
  afterAll(() => engine.close());

  it('returns JSON-safe results: amounts and toids as strings', async () => {
    const stats = await call('views.stats', {});
    expect(stats).toEqual({ ok: true, value: { carbon_sunk: '31.932', carbon_retired: '31.000', carbon_pending: '0.932', carbon_stored: 202 } });
    const page = await call('views.sinkingTxs', { limit: 5, order: 'asc' });
    if (!page.ok) throw new Error(page.error.message);
    const value = page.value as { rows: { toid: string }[]; nextCursor: string };
    expect(value.rows[0]?.toid).toBe('164821723627237383');
    expect(value.nextCursor).toBe(value.rows[4]?.toid);
    expect(JSON.parse(JSON.stringify(page.value))).toEqual(page.value);
  });

  it('defaults to pages of 100, newest first', async () => {
    const r = await call('views.distributionTxs', {});
    if (!r.ok) throw new Error(r.error.message);
    const v = r.value as { rows: { toid: string }[]; nextCursor: string | null };
    expect(v.rows).toHaveLength(29);
    expect(v.nextCursor).toBeNull();
    expect(BigInt(v.rows[0]?.toid ?? 0) > BigInt(v.rows[28]?.toid ?? 0)).toBe(true);
  });

  it('gives details and NOT_FOUND for unknown records', async () => {
    const ret = await call('views.retirement', { certificateId: 143471 });
    expect(ret.ok && (ret.value as { retired_from: unknown[] }).retired_from).toHaveLength(1);
    const missing = await call('views.sinkingTx', { hash: '0'.repeat(64) });
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');
  });

  it('refuses bad parameters before running', async () => {
    const bad: [string, unknown][] = [
      ['views.sinkingTxs', { fromDate: '2023-02-29' }],
      ['views.sinkingTxs', { funder: 'GAVF6ZB7Z7FKCWM5HEY2OV4ENPK3OSSHMFTVR4HHSBFHKW36U3FUH2CC' }],
      ['views.sinkingTxs', { limit: 0 }],
      ['views.sinkingTxs', { limit: 1001 }],
      ['views.sinkingTxs', { cursor: '1.5e17' }],
      ['views.sinkingTxs', { cursor: 2 ** 57 }],
      ['views.retirements', { order: 'sideways' }],
      ['views.inventory', { untilDate: '2021-13-01' }],
      ['views.stats', { recipient: 'nobody' }],
      ['views.sinkingTx', { hash: 'ABC' }],
      ['views.analytics', { extra: 1 }],
    ];
    for (const [name, params] of bad) {
      const r = await call(name, params);
      expect(r.ok ? 'ok' : r.error.code, `${name} ${JSON.stringify(params)}`).toBe('BAD_INPUT');
    }
  });
});
