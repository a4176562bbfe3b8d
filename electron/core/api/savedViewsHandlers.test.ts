import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../engine.js';
import { TempEngines } from '../../testkit/tempEngines.js';
import { dispatch } from './dispatch.js';
import { createHandlers } from './handlers.js';

const temp = new TempEngines('sc-saved-views-');

describe('saved views', () => {
  let engine: Engine;
  let file: string;
  const call = (method: string, params: unknown) => dispatch(createHandlers(engine), method, params, { via: 'test' });
  beforeEach(() => {
    file = temp.dbFile();
    engine = new Engine(file);
  });
  afterEach(() => {
    engine.close();
    temp.cleanUp();
  });

  it('saves, lists by name, renames and deletes; survives a restart', async () => {
    const events: string[][] = [];
    engine.events.on('data.changed', (d) => events.push(d.tables));
    expect(await call('savedViews.save', { name: 'Open sales of G-funder', page: 'sinks', query: 'funder=GABC&finalized=no', hiddenColumns: ['memo', 'toid'] })).toMatchObject({
      ok: true,
      value: { name: 'Open sales of G-funder', page: 'sinks', query: 'funder=GABC&finalized=no', hiddenColumns: ['memo', 'toid'], createdBy: expect.any(String) },
    });
    await call('savedViews.save', { name: 'big retirements', page: 'retirements', query: 'order=asc' });
    expect(events).toEqual([['saved_views'], ['saved_views']]);
    engine.close();
    engine = new Engine(file);
    const list = await call('savedViews.list', {});
    expect(list.ok && (list.value as { name: string }[]).map((v) => v.name)).toEqual(['big retirements', 'Open sales of G-funder']);

    expect(await call('savedViews.rename', { name: 'BIG retirements', to: 'Big retirements' })).toMatchObject({ ok: true, value: { name: 'Big retirements', query: 'order=asc', hiddenColumns: null } });
    expect(await call('savedViews.delete', { name: 'open sales of g-funder' })).toEqual({ ok: true, value: { deleted: true } });
    expect(await call('savedViews.delete', { name: 'open sales of g-funder' })).toEqual({ ok: true, value: { deleted: false } });
    const after = await call('savedViews.list', {});
    expect(after.ok && (after.value as { name: string }[]).map((v) => v.name)).toEqual(['Big retirements']);
  });

  it('refuses a name in use (any case) unless replacing, and a rename onto another view', async () => {
    await call('savedViews.save', { name: 'Mine', page: 'sinks', query: '' });
    await call('savedViews.save', { name: 'Other', page: 'sinks', query: '' });
    expect(await call('savedViews.save', { name: 'MINE', page: 'inventory', query: 'asOf=2025-01-01' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('"Mine" exists already') } });
    expect(await call('savedViews.save', { name: 'MINE', page: 'inventory', query: 'asOf=2025-01-01', replace: true })).toMatchObject({ ok: true, value: { name: 'MINE', page: 'inventory' } });
    expect(await call('savedViews.rename', { name: 'Other', to: 'mine' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await call('savedViews.rename', { name: 'Nope', to: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'No saved view named "Nope".' } });
  });

  it('refuses bad input by the contract, naming the field, and stores nothing', async () => {
    for (const params of [
      { name: '', page: 'sinks', query: '' },
      { name: 'a/b', page: 'sinks', query: '' },
      { name: 'x', page: 'nowhere', query: '' },
      { name: 'x', page: 'sinks', query: '#/sinks?funder=G' },
      { name: 'x', page: 'sinks', query: 'a=b', extra: 1 },
      { name: 'x', page: 'sinks', query: '', hiddenColumns: ['no spaces allowed'] },
    ]) {
      const r = await call('savedViews.save', params);
      expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/^Invalid parameters for savedViews\.save: /) } });
    }
    expect(await call('savedViews.list', {})).toEqual({ ok: true, value: [] });
  });
});
