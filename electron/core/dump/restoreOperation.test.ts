import { describe, expect, it } from 'vitest';
import { dispatch } from '../api/dispatch.js';
import { createHandlers } from '../api/handlers.js';
import { listOperations } from '../audit/queries.js';
import { Engine } from '../engine.js';
import { SC_DATA_DIR, hasShared } from '../../testkit/sharedDir.js';

describe.skipIf(!hasShared)('dump.restore (import a dump folder from the app)', () => {
  it('imports the published dumps once, records the operation, and leaves filled tables alone afterwards', async () => {
    const engine = new Engine(':memory:');
    const handlers = createHandlers(engine);
    const first = await dispatch(handlers, 'dump.restore', { dir: SC_DATA_DIR }, { via: 'test' });
    expect(first.ok).toBe(true);
    const counts = first.ok ? (first.value as { counts: { table: string; inserted: number }[] }).counts : [];
    expect(Object.fromEntries(counts.map((c) => [c.table, c.inserted]))).toMatchObject({ sinking_txs: 31, retirements: 17, minted_blocks: 9 });

    const again = await dispatch(handlers, 'dump.restore', { dir: SC_DATA_DIR }, { via: 'test' });
    expect(again.ok && (again.value as { counts: { inserted: number }[] }).counts.every((c) => c.inserted === 0)).toBe(true);

    const ops = listOperations(engine.reader(), { kind: 'restore' }).rows;
    expect(ops.length).toBe(2);
    expect(ops.every((o) => o.status === 'ok')).toBe(true);

    const missing = await dispatch(handlers, 'dump.restore', { dir: '/nonexistent/dir' }, { via: 'test' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const bad = await dispatch(handlers, 'dump.restore', { dir: SC_DATA_DIR, tables: ['../etc'] }, { via: 'test' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    engine.close();
  });
});
