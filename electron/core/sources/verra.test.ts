import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { worldFromFixtures } from '../../testkit/fakeWorld/fromFixtures.js';
import { renderPoolReport } from '../../testkit/fakeWorld/poolHtml.js';
import { REPORT_PATH, SEARCH_PATH, startFakeWorld, type FakeWorldServer } from '../../testkit/fakeWorld/server.js';
import { hasShared, sharedFixture } from '../../testkit/sharedDir.js';
import { HttpClient } from './http.js';
import { parseCarbonPoolReport } from './poolReport.js';
import { retirementFilter, searchUrl, VerraClient } from './verra.js';

const http = new HttpClient({ sleep: () => Promise.resolve() });

describe('Verra request shape', () => {
  it('builds sc-audit’s query, with the date filter when resuming', () => {
    expect(retirementFilter(null)).toBe("startswith(retirementDetails,'stellarcarbon')");
    expect(retirementFilter('2025-08-18')).toBe("(startswith(retirementDetails,'stellarcarbon') and retireOrCancelDate ge 2025-08-18T00:00:00.000Z)");
    const u = new URL(searchUrl('https://registry.verra.org/uiapi/asset/asset/search', null, 0));
    expect([...u.searchParams.entries()]).toEqual([
      ['maxResults', '2000'],
      ['$filter', "startswith(retirementDetails,'stellarcarbon')"],
      ['$count', 'true'],
      ['$orderby', ''],
      ['$skip', '0'],
    ]);
  });
});

describe('carbon pool report parsing', () => {
  const batch = { vintage: '01/07/2013-30/06/2014', project_id: 1360, project_name: 'P', project_type: 'T', quantity_of_credits: 16, serial_number: 'S-1', sub_account_id: 11273, sub_account_name: 'CARBON Pool | stellarcarbon.io' };

  it('reads the old report’s table > tr > td > font rows and sums the credits', () => {
    const parsed = parseCarbonPoolReport(renderPoolReport([batch, { ...batch, quantity_of_credits: 3, serial_number: 'S-2' }], 11273));
    expect(parsed).toEqual({ total_inventory_credits: 19, credit_batches: [batch, { ...batch, quantity_of_credits: 3, serial_number: 'S-2' }] });
  });

  it('shifts values after an empty cell and skips a quantity with a thousands separator, like sc-audit', () => {
    const parsed = parseCarbonPoolReport(renderPoolReport([{ ...batch, project_name: '' }, { ...batch, quantity_of_credits: '1,200' }], 11273));
    expect(parsed.credit_batches[0]?.project_type).toBe(16); // shifted left by one
    expect(parsed.credit_batches[1]?.quantity_of_credits).toBe('1,200');
    expect(parsed.total_inventory_credits).toBe(0);
  });

  it('finds no batches when the header row sits in a tbody (not the report’s shape)', () => {
    const html = '<table><tbody><tr><td><font>Serial Number</font></td></tr><tr><td><font>S-1</font></td></tr></tbody></table>';
    expect(parseCarbonPoolReport(html)).toEqual({ total_inventory_credits: 0, credit_batches: [] });
  });
});

describe.skipIf(!hasShared)('VerraClient against the fixture world', () => {
  let server: FakeWorldServer;
  beforeAll(async () => {
    server = await startFakeWorld(worldFromFixtures());
  });
  afterAll(() => server.close());
  const client = () => new VerraClient(`${server.url}${SEARCH_PATH}`, `${server.url}${REPORT_PATH}`, http);

  it('pages with $skip until totalCount (beyond a page size cap)', async () => {
    server.world.verra.maxPageSize = 4;
    try {
      const before = server.requestCount();
      const r = await client().retirements(null);
      expect(r.items).toHaveLength(11);
      expect(r.pages).toBe(3);
      expect(server.log.slice(before).map((e) => new URLSearchParams(e.query).get('$skip'))).toEqual(['0', '4', '8']);
    } finally {
      delete server.world.verra.maxPageSize;
    }
  });

  it('filters by date and reports countExceeded', async () => {
    const r = await client().retirements('2023-05-07');
    expect(r.items.every((i) => i.retireOrCancelDate >= '2023-05-07')).toBe(true);
    expect(r.countExceeded).toBe(false);
    server.world.verra.countLimit = 5;
    try {
      const all = await client().retirements(null);
      expect(all.countExceeded).toBe(true);
      expect(all.items).toHaveLength(11);
    } finally {
      delete server.world.verra.countLimit;
    }
  });

  it('decodes the report’s iso-8859-1 text', async () => {
    const pool = server.world.verra.pool;
    server.world.verra.pool = [{ ...pool[0], project_name: 'Bosque del Perú, Ucayali' } as (typeof pool)[number]];
    try {
      expect((await client().carbonPool()).credit_batches[0]?.project_name).toBe('Bosque del Perú, Ucayali');
    } finally {
      server.world.verra.pool = pool;
    }
  });

  it('parses the served pool report into exactly the captured parsed state', async () => {
    const expected = JSON.parse(fs.readFileSync(sharedFixture('verra', 'carbon_pool_state.json'), 'utf8')) as unknown;
    expect(await client().carbonPool()).toEqual(expected);
    expect(server.log.at(-1)?.query).toBe('?r=205&idSubAccount=11273');
  });
});
