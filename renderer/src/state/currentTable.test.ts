import { describe, expect, it } from 'vitest';
import { applySavedColumns, currentTable, registerTable, subscribeTable } from './currentTable';

/** A saved view opened before its lazily loaded page has a table: the table takes the columns when it registers. */
describe('saved view columns', () => {
  it('apply at once to the table on the page', () => {
    const got: (readonly string[])[] = [];
    const off = registerTable({ id: 't', page: 'sinks', hiddenColumns: () => [], setHiddenColumns: (h) => got.push(h) });
    applySavedColumns('sinks', ['memo']);
    expect(got).toEqual([['memo']]);
    off();
  });

  it('wait for the page’s table when another page’s table is still registered', () => {
    const old: (readonly string[])[] = [];
    const offOld = registerTable({ id: 'r', page: 'retirements', hiddenColumns: () => [], setHiddenColumns: (h) => old.push(h) });
    applySavedColumns('sinks', ['memo', 'recipient']);
    offOld();
    const got: (readonly string[])[] = [];
    const off = registerTable({ id: 't', page: 'sinks', hiddenColumns: () => [], setHiddenColumns: (h) => got.push(h) });
    expect(old).toEqual([]);
    expect(got).toEqual([['memo', 'recipient']]);
    // Taken once: the next mount keeps the viewer's columns.
    off();
    const again: (readonly string[])[] = [];
    registerTable({ id: 't', page: 'sinks', hiddenColumns: () => [], setHiddenColumns: (h) => again.push(h) })();
    expect(again).toEqual([]);
  });

  it('are dropped when the route is left before the table came', () => {
    const cancel = applySavedColumns('sinks', ['memo']);
    cancel();
    const got: (readonly string[])[] = [];
    registerTable({ id: 't', page: 'sinks', hiddenColumns: () => [], setHiddenColumns: (h) => got.push(h) })();
    expect(got).toEqual([]);
  });
});

describe('the current table', () => {
  it('tells its watchers when a table comes and goes, so the menu and the palette know whether there is one to export', () => {
    const seen: boolean[] = [];
    const unwatch = subscribeTable(() => seen.push(currentTable().exportAs !== undefined));
    const off = registerTable({ exportAs: () => undefined });
    off();
    unwatch();
    registerTable({ exportAs: () => undefined })();
    expect(seen).toEqual([true, false]);
  });
});
