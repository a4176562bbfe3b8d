import { describe, expect, it } from 'vitest';
import { parseDumpText } from './readDump.js';

const SALE_16 =
  '["61d4ff5516b7098bbc2219d244e7f29a039c32735e1c16d1c05d66a0739727d9","2021-11-20T18:50:04",null,"GAVF6ZB7Z7FKCWM5HEY2OV4ENPK3OSSHMFTVR4HHSBFHKW36U3FUH2CB","GAVF6ZB7Z7FKCWM5HEY2OV4ENPK3OSSHMFTVR4HHSBFHKW36U3FUH2CB",1.0,"AQUA","GBNZILSTVQZ4R7IKQDGHYGY2QXL5QOFJYQMXPKWRRM5PAV7Y4M67AQUA",2236.6785284,"USDC","GA5ZSEJYB37JRC5AVCIA5MOP4RHTM335X2KGX3IHOJAPP5RE34K4KZVN",11.0,1360,"text","Public Node Carbon Offset",164821723627237383]';
/** The same sale as sc-audit wrote it before migration 77ea86674a18 added contract_id (every 2024 snapshot). */
const SALE_15 = SALE_16.replace(',null,', ',');

describe('reading the shapes sc-data has had', () => {
  it('reads a 15-column sinking_txs line (before contract_id) as the same row with contract_id null', () => {
    const [old] = parseDumpText(SALE_15, 'sinking_txs', 'sinking_txs.ndjson');
    const [now] = parseDumpText(SALE_16, 'sinking_txs', 'sinking_txs.ndjson');
    expect(old?.values).toEqual(now?.values);
    expect(old?.values[2]).toBeNull();
    expect(old?.values[15]).toBe(164821723627237383n);
  });

  it('names the shapes it knows when a line fits none', () => {
    const short = SALE_15.replace(',"text","Public Node Carbon Offset"', '');
    expect(() => parseDumpText(short, 'sinking_txs', 'sinking_txs.ndjson')).toThrow(/sinking_txs\.ndjson:1: 13 values, but sinking_txs has 16 or 15 columns/);
    expect(() => parseDumpText('[1,2]', 'sink_status', 'sink_status.ndjson')).toThrow(/2 values, but sink_status has 4 columns/);
  });
});
