import { describe, expect, it } from 'vitest';
import { distributionParams, inventoryParams, retirementParams, sinkParams } from './viewParams';

const G = 'GABXJLJDNWRIGCVQPPC2FJ2NORUJBGLNOBYXKW7WQD3CUZS6YTFCS4ZP';

describe('URL filters → API params', () => {
  it('maps sinking-tx filters and drops invalid ones', () => {
    expect(sinkParams({ recipient: G, from: '2022-01-01', before: '2023-02-30', finalized: 'no', funder: 'GABC' }, 'desc')).toEqual({
      recipient: G,
      fromDate: '2022-01-01',
      finalized: false,
      order: 'desc',
    });
    expect(sinkParams({ memo: 'x' }, 'asc')).toEqual({ memo: 'x', order: 'asc' });
    expect(sinkParams({ memo: '' }, 'asc')).toEqual({ order: 'asc' });
  });
  it('maps retirement filters', () => {
    expect(retirementParams({ beneficiary: 'GAB', project: '1360' }, 'desc')).toEqual({ beneficiary: 'GAB', project: 1360, order: 'desc' });
    expect(retirementParams({ project: 'abc' }, 'desc')).toEqual({ order: 'desc' });
  });
  it('maps distribution and inventory filters', () => {
    expect(distributionParams({ recipient: G }, 'asc')).toEqual({ recipient: G, order: 'asc' });
    expect(inventoryParams({ asof: '2022-01-31', omitEmpty: 'yes' })).toEqual({ omitEmpty: true, untilDate: '2022-01-31' });
    expect(inventoryParams({ asof: 'yesterday' })).toEqual({ omitEmpty: false });
  });
});
