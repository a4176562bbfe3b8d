import { describe, expect, it } from 'vitest';
import { operationFilter } from '../../../shared/api/audit';
import { distributionTxsParams, inventoryParams, retirementsParams, sinkingTxsParams } from '../../../shared/api/views';
import { fieldProblem, urlToParams, withoutPaging } from './urlParams';

const G = 'GABXJLJDNWRIGCVQPPC2FJ2NORUJBGLNOBYXKW7WQD3CUZS6YTFCS4ZP';

// The schemas' own defaults (the page size included) come with the params, as the API would apply them.
describe('URL query → API params (the contract validates)', () => {
  it('keeps the valid sinking-tx filters under their API names and drops invalid ones with a reason', () => {
    const r = urlToParams(sinkingTxsParams, { recipient: G, fromDate: '2022-01-01', beforeDate: '2023-02-30', finalized: 'no', funder: 'GABC', order: 'desc' });
    expect(r.params).toEqual({ recipient: G, fromDate: '2022-01-01', finalized: false, order: 'desc', limit: 100 });
    expect(r.problems).toEqual({ beforeDate: 'Expected a real date YYYY-MM-DD', funder: 'An account id has 56 characters (this has 4)' });
    expect(urlToParams(sinkingTxsParams, { memo: 'x', order: 'asc' }).params).toEqual({ memo: 'x', order: 'asc', limit: 100 });
    expect(urlToParams(sinkingTxsParams, { memo: '' }).params).toEqual({ order: 'desc', limit: 100 });
  });
  it('reads numbers where the schema wants them', () => {
    expect(urlToParams(retirementsParams, { beneficiary: 'GAB', project: '1360' }).params).toEqual({ beneficiary: 'GAB', project: 1360, order: 'desc', limit: 100 });
    const bad = urlToParams(retirementsParams, { project: 'abc' });
    expect(bad.params).toEqual({ order: 'desc', limit: 100 });
    expect(bad.problems.project).toBe('Expected a number');
    expect(urlToParams(retirementsParams, { project: '1.5' }).problems.project).toBe('Expected a whole number');
  });
  it('maps distribution, inventory and audit filters; unknown keys are left out', () => {
    expect(urlToParams(distributionTxsParams, { recipient: G, order: 'asc', evil: '1' }).params).toEqual({ recipient: G, order: 'asc', limit: 100 });
    expect(urlToParams(inventoryParams, { untilDate: '2022-01-31', omitEmpty: 'yes' }).params).toEqual({ omitEmpty: true, untilDate: '2022-01-31' });
    expect(urlToParams(inventoryParams, { untilDate: 'yesterday' }).params).toEqual({ omitEmpty: false });
    expect(urlToParams(operationFilter, { status: 'ok', since: '2024-01-01' }).params).toEqual({ status: 'ok', since: '2024-01-01', limit: 200 });
    expect(urlToParams(operationFilter, { status: 'sideways' }).params).toEqual({ limit: 200 });
  });
  it('checks one field for the filter bar', () => {
    const memo = fieldProblem(sinkingTxsParams, 'memo');
    expect(memo('short')).toBeNull();
    expect(memo('x'.repeat(65))).toBe('At most 64 characters');
    expect(fieldProblem(distributionTxsParams, 'recipient')(G)).toBeNull();
  });
  it('drops paging for an export (every matching row)', () => {
    const { params } = urlToParams(sinkingTxsParams, { recipient: G, order: 'asc' });
    expect(withoutPaging({ ...params, cursor: '5' })).toEqual({ recipient: G, order: 'asc' });
  });
});
