import { describe, expect, it } from 'vitest';
import { parseHash, hrefFor } from '../router';
import { MAX_PAGES, parseTableState, tableStateToQuery, triState, withFilter, withOrder, withPages, withSelected } from './tableState';

const DEFAULTS = { filterKeys: ['recipient', 'finalized', 'from'], order: 'desc' as const };

describe('table state ↔ URL', () => {
  it('parses filters, order, pages and selection, ignoring unknown params', () => {
    const q = new URLSearchParams('recipient=GABC&finalized=yes&order=asc&pages=3&sel=abc&evil=1&from=');
    expect(parseTableState(q, DEFAULTS)).toEqual({ filters: { recipient: 'GABC', finalized: 'yes' }, order: 'asc', pages: 3, selected: 'abc' });
  });
  it('falls back to defaults on missing or bad values', () => {
    const q = new URLSearchParams('order=sideways&pages=-2');
    expect(parseTableState(q, DEFAULTS)).toEqual({ filters: {}, order: 'desc', pages: 1, selected: null });
    expect(parseTableState(new URLSearchParams('pages=9999'), DEFAULTS).pages).toBe(MAX_PAGES);
    expect(parseTableState(new URLSearchParams('pages=1.5'), DEFAULTS).pages).toBe(1);
  });
  it('omits defaults when serializing', () => {
    expect(tableStateToQuery({ filters: {}, order: 'desc', pages: 1, selected: null }, DEFAULTS)).toEqual({});
  });
  it('round-trips through the hash', () => {
    const state = { filters: { recipient: 'G A&B=C', finalized: 'no' }, order: 'asc' as const, pages: 2, selected: 'x/y' };
    const href = hrefFor('sinks', tableStateToQuery(state, DEFAULTS));
    const route = parseHash(href);
    expect(route.page).toBe('sinks');
    expect(parseTableState(route.query, DEFAULTS)).toEqual(state);
  });
  it('serializes in a stable key order', () => {
    const a = tableStateToQuery({ filters: { finalized: 'yes', recipient: 'G' }, order: 'desc', pages: 1, selected: null }, DEFAULTS);
    expect(Object.keys(a)).toEqual(['recipient', 'finalized']);
  });
  it('restarts paging when a filter or the order changes, but keeps the selection', () => {
    const s = { filters: {}, order: 'desc' as const, pages: 4, selected: 'h' };
    expect(withFilter(s, 'recipient', 'G')).toEqual({ filters: { recipient: 'G' }, order: 'desc', pages: 1, selected: 'h' });
    expect(withFilter({ ...s, filters: { recipient: 'G' } }, 'recipient', ' ').filters).toEqual({});
    expect(withOrder(s, 'asc').pages).toBe(1);
    expect(withPages(s, 0).pages).toBe(1);
    expect(withSelected(s, null).selected).toBeNull();
  });
  it('maps tri-state filters', () => {
    expect(triState('yes')).toBe(true);
    expect(triState('no')).toBe(false);
    expect(triState(undefined)).toBeUndefined();
    expect(triState('maybe')).toBeUndefined();
  });
});
