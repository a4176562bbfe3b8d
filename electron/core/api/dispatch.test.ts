import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, contract } from '../../../shared/contract.js';
import { AppError } from '../../../shared/errors.js';
import { Engine } from '../engine.js';
import { dispatch } from './dispatch.js';
import { createHandlers } from './handlers.js';
import type { Handlers } from './handlerTypes.js';

describe('dispatch', () => {
  const engine = new Engine(':memory:');
  const handlers = createHandlers(engine);

  it('has one handler per contract method and no other', () => {
    expect(Object.keys(handlers).sort()).toEqual([...METHOD_NAMES].sort());
    expect(Object.keys(contract).length).toBe(METHOD_NAMES.length);
  });

  it('runs app.info on a real database', async () => {
    const res = await dispatch(handlers, 'app.info', {}, { via: 'test' });
    expect(res.ok).toBe(true);
    if (res.ok) {
      const info = res.value as { dbPath: string; rowCounts: { table: string; rows: number }[] };
      expect(info.dbPath).toBe(':memory:');
      expect(info.rowCounts.map((r) => r.table)).toContain('sinking_txs');
      expect(info.rowCounts.every((r) => r.rows === 0)).toBe(true);
    }
  });

  it('rejects unknown methods and invalid params before any handler runs', async () => {
    let ran = 0;
    const spy = { ...handlers, 'app.info': () => (ran++, handlers['app.info']({}, { via: 'test' })) } as Handlers;
    for (const [name, params] of [
      ['nope', {}],
      ['__proto__', {}],
      ['constructor', {}],
      [42, {}],
      ['app.info', { extra: 1 }],
      ['app.info', 'string'],
      ['app.info', [1, 2]],
    ] as const) {
      const res = await dispatch(spy, name, params, { via: 'test' });
      expect(res).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    expect(ran).toBe(0);
  });

  it('passes AppError codes through and hides nothing else', async () => {
    const failing = {
      ...handlers,
      'app.info': () => {
        throw new AppError('SYNC_RUNNING', 'a catch-up is running');
      },
    } as Handlers;
    expect(await dispatch(failing, 'app.info', {}, { via: 'test' })).toEqual({
      ok: false,
      error: { code: 'SYNC_RUNNING', message: 'a catch-up is running' },
    });
    const crashing = { ...handlers, 'app.info': () => Promise.reject(new Error('boom')) } as Handlers;
    expect(await dispatch(crashing, 'app.info', {}, { via: 'test' })).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'boom' } });
  });
});
