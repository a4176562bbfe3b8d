import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { settingsSetParams } from '../../../shared/api/settings.js';
import { listOperations } from '../audit/queries.js';
import { DEFAULT_SOURCE_CONFIG } from '../config.js';
import { Engine } from '../engine.js';
import { getSettings, setSettings } from './changeSettings.js';
import { graceDaysFor, sourceConfigFor } from './effective.js';
import { testHorizon } from './testHorizon.js';

const ACCOUNT = 'GABXJLJDNWRIGCVQPPC2FJ2NORUJBGLNOBYXKW7WQD3CUZS6YTFCS4ZP';
const servers: http.Server[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

async function serveOnce(handler: http.RequestListener): Promise<string> {
  const s = http.createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

describe('settings', () => {
  it('reports each value with its origin: env > stored > default', async () => {
    const engine = new Engine(':memory:');
    const env = { SC_VERRA_REPORT_URL: 'http://env.example/report', SC_HORIZON_URL: '  ' };
    await setSettings(engine, settingsSetParams.parse({ values: { SC_HORIZON_URL: 'http://stored.example', SC_VERRA_REPORT_URL: 'http://stored.example/r' } }), { via: 'test' }, env);
    const byKey = Object.fromEntries(getSettings(engine, env).settings.map((s) => [s.key, s]));
    expect(byKey.SC_HORIZON_URL).toMatchObject({ value: 'http://stored.example', origin: 'stored', env: null });
    expect(byKey.SC_VERRA_REPORT_URL).toMatchObject({ value: 'http://env.example/report', origin: 'env', stored: 'http://stored.example/r' });
    expect(byKey.SC_SINK_ISSUER_PUB).toMatchObject({ value: DEFAULT_SOURCE_CONFIG.sinkIssuer, origin: 'default', stored: null });
    expect(byKey.SC_RETIREMENT_GRACE_DAYS).toMatchObject({ value: '90', origin: 'default' });

    // The catch-up sees the same: stored beats default, env beats stored.
    const cfg = sourceConfigFor(engine.writer(), env);
    expect(cfg.horizonUrl).toBe('http://stored.example');
    expect(cfg.verraReportUrl).toBe('http://env.example/report');
    engine.close();
  });

  it('records each change in the operation log and clears with null', async () => {
    const engine = new Engine(':memory:');
    await setSettings(engine, settingsSetParams.parse({ values: { SC_CARBON_DISTRIB_PUB: ACCOUNT, SC_RETIREMENT_GRACE_DAYS: '30' }, note: 'new distributor' }), { via: 'test', actor: 'alice' }, {});
    expect(graceDaysFor(engine.writer(), {})).toBe(30);
    await setSettings(engine, settingsSetParams.parse({ values: { SC_RETIREMENT_GRACE_DAYS: null } }), { via: 'test', actor: 'bob' }, {});
    // Unchanged values record nothing.
    await setSettings(engine, settingsSetParams.parse({ values: { SC_CARBON_DISTRIB_PUB: ACCOUNT } }), { via: 'test' }, {});
    const ops = listOperations(engine.writer(), { kind: 'settings-change' }).rows;
    expect(ops).toHaveLength(2);
    expect(ops[1]).toMatchObject({ actor: 'alice', status: 'ok', note: 'new distributor' });
    expect(JSON.parse(ops[1]?.params ?? '')).toEqual({
      changes: { SC_CARBON_DISTRIB_PUB: { from: null, to: ACCOUNT }, SC_RETIREMENT_GRACE_DAYS: { from: null, to: '30' } },
    });
    expect(JSON.parse(ops[0]?.params ?? '')).toEqual({ changes: { SC_RETIREMENT_GRACE_DAYS: { from: '30', to: null } } });
    expect(graceDaysFor(engine.writer(), {})).toBe(90);
    engine.close();
  });

  it('refuses bad URLs, strkeys, cursors and unknown keys', () => {
    for (const values of [
      { SC_HORIZON_URL: 'ftp://x' },
      { SC_HORIZON_URL: 'javascript:alert(1)' },
      { SC_SINK_ISSUER_PUB: ACCOUNT.slice(0, -1) + 'Q' },
      { SC_FIRST_SINK_CURSOR: '-1' },
      { SC_FIRST_SINK_CURSOR: '99999999999999999999' },
      { SC_RETIREMENT_GRACE_DAYS: '1.5' },
      { SC_NOPE: 'x' },
    ]) {
      expect(settingsSetParams.safeParse({ values }).success, JSON.stringify(values)).toBe(false);
    }
    expect(settingsSetParams.safeParse({ values: { SC_HORIZON_URL: 'https://horizon.example.org/' } }).success).toBe(true);
  });
});

describe('testHorizon', () => {
  it('reports the latest ledger of a Horizon root', async () => {
    const url = await serveOnce((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ horizon_version: '2.32.0', history_latest_ledger: 5000, history_elder_ledger: 2, network_passphrase: 'Public Global Stellar Network ; September 2015' }));
    });
    await expect(testHorizon(url, 2000)).resolves.toMatchObject({ url: `${url}/`, latestLedger: 5000, historyElderLedger: 2, horizonVersion: '2.32.0' });
  });

  it('gives a clear error for a timeout, an HTTP error, non-JSON and an unreachable host', async () => {
    const hang = await serveOnce(() => undefined);
    await expect(testHorizon(hang, 300)).rejects.toMatchObject({ code: 'SOURCE_ERROR', message: expect.stringMatching(/did not answer within 0.3 s/) });
    const err = await serveOnce((_req, res) => {
      res.statusCode = 503;
      res.end(JSON.stringify({ title: 'Stale History', detail: 'behind' }));
    });
    await expect(testHorizon(err, 2000)).rejects.toThrow(/answered HTTP 503: Stale History — behind/);
    const html = await serveOnce((_req, res) => res.end('<html>hi</html>'));
    await expect(testHorizon(html, 2000)).rejects.toThrow(/not with JSON: is it a Horizon server/);
    const closed = await serveOnce(() => undefined);
    await new Promise((r) => servers.pop()?.close(r));
    await expect(testHorizon(closed, 2000)).rejects.toThrow(/Cannot reach Horizon at http:\/\/127.0.0.1:\d+\/: ECONNREFUSED/);
  });
});
