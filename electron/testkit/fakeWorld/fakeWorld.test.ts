import { describe, expect, it } from 'vitest';
import { hasShared, SC_DATA_DIR } from '../sharedDir.js';
import { worldFromFixtures } from './fromFixtures.js';
import { worldFromScData, worldSlice } from './fromScData.js';
import { REPORT_PATH, SEARCH_PATH, startFakeWorld } from './server.js';

const SINK = 'GC7CDWMCWNCY7JYUW5UBEOLNBSTNDKKZSFTHKGZNPPSOXLFYFX3CSINK';

describe.skipIf(!hasShared)('fake world', () => {
  it('derives from sc-data a pool of the 171 unretired credits, with remainders under new serials', () => {
    const w = worldFromScData(SC_DATA_DIR);
    const total = w.verra.pool.reduce((s, b) => s + Number(b.quantity_of_credits), 0);
    expect(total).toBe(171);
    const serials = w.verra.pool.map((b) => b.serial_number);
    expect(serials).toContain('8040-449402305-449402316-VCU-042-MER-PE-14-1360-01072013-30062014-1');
    expect(serials).toContain('8040-449402498-449402560-VCU-042-MER-PE-14-1360-01072013-30062014-1');
    expect(w.horizon.payments[SINK]).toHaveLength(31);
    expect(Object.keys(w.horizon.operations)).toHaveLength(31);
  });

  it('slices the world at a date, re-deriving the pool', () => {
    const w = worldSlice(worldFromScData(SC_DATA_DIR), '2022-12-31');
    expect(w.verra.retirements.every((r) => r.retireOrCancelDate <= '2022-12-31')).toBe(true);
    expect(w.horizon.payments[SINK]?.every((p) => p.created_at < '2023')).toBe(true);
    expect(w.verra.pool.reduce((s, b) => s + Number(b.quantity_of_credits), 0)).toBe(202 - w.verra.retirements.reduce((s, r) => s + r.quantity, 0));
  });

  it('serves Horizon and Verra, logs requests and plays queued faults once', async () => {
    const server = await startFakeWorld(worldFromFixtures());
    try {
      server.faults.add(`/accounts/${SINK}/payments`, { kind: 'status', status: 503 });
      const url = `${server.url}/accounts/${SINK}/payments?cursor=0&order=asc&limit=2`;
      expect((await fetch(url)).status).toBe(503);
      const ok = await fetch(url);
      expect(ok.headers.get('latest-ledger')).toBe(String(server.world.horizon.latestLedger));
      const page = (await ok.json()) as { _embedded: { records: { transaction?: unknown }[] }; _links: { next: { href: string } } };
      expect(page._embedded.records).toHaveLength(2);
      expect(page._embedded.records[0]?.transaction).toBeUndefined();
      expect(page._links.next.href.startsWith('https://horizon.stellar.org/')).toBe(true);
      const search = await fetch(`${server.url}${SEARCH_PATH}?maxResults=2000&$filter=${encodeURIComponent("startswith(retirementDetails,'stellarcarbon')")}&$skip=0`, {
        method: 'POST',
        body: JSON.stringify({ program: 'VCS', assetStatus: 'RETIRED', issuanceTypeCodes: ['ISSUE'] }),
      });
      expect(((await search.json()) as { totalCount: number }).totalCount).toBe(11);
      const html = await (await fetch(`${server.url}${REPORT_PATH}?r=205&idSubAccount=11273`)).text();
      expect(html).toMatch(/<TABLE BORDER=1[^>]*>\s*<TR><TD/);
      expect(server.log.map((e) => e.status)).toEqual([503, 200, 200, 200]);
      expect(server.log[0]?.fault).toBe('status');
    } finally {
      await server.close();
    }
  });
});
