import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadQuery } from '../shared/api/export.js';
import { listOperations } from './core/audit/queries.js';
import { Engine } from './core/engine.js';
import { NASTY_TEXTS, seedExportData } from './testkit/exportSeed.js';
import { exportToFile } from './core/export/exportToFile.js';
import { type RunningServer, startServe } from './serve.js';

function get(port: number, p: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'GET', path: p, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serve: export download', () => {
  let dir: string;
  let engine: Engine;
  let server: RunningServer;
  const host = () => `127.0.0.1:${server.port}`;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-dl-'));
    fs.mkdirSync(path.join(dir, 'static'));
    fs.writeFileSync(path.join(dir, 'static', 'index.html'), '<!doctype html>');
    engine = new Engine(path.join(dir, 'db.sqlite3'));
    seedExportData(engine.writer(), 3000);
    server = await startServe(engine, { port: 0, staticDir: path.join(dir, 'static'), token: 't'.repeat(32) });
  });
  afterAll(async () => {
    await server.close();
    engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('streams the same bytes as export.toFile, as an attachment, and logs it', async () => {
    const q = downloadQuery(server.token, { view: 'sinkingTxs', format: 'csv', filters: { order: 'asc' } });
    const res = await get(server.port, q, { host: host() });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="sinkingTxs-\d{4}-\d{2}-\d{2}\.csv"$/);
    const file = path.join(dir, 'same.csv');
    await exportToFile(engine, { view: 'sinkingTxs', format: 'csv', filters: { order: 'asc' }, path: file });
    expect(res.body).toBe(fs.readFileSync(file, 'utf8'));
    expect(res.body).toContain(NASTY_TEXTS[7]);
    const op = listOperations(engine.reader(), { kind: 'export' }).rows.find((o) => o.via === 'http');
    expect(op).toMatchObject({ status: 'ok' });
    expect(JSON.parse(op?.result ?? '{}')).toMatchObject({ rows: 3000, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('checks token, Host, Origin and the request like the API does', async () => {
    const good = downloadQuery(server.token, { view: 'retirements', format: 'json' });
    expect((await get(server.port, good, { host: host() })).status).toBe(200);
    expect((await get(server.port, downloadQuery('wrong', { view: 'retirements', format: 'json' }), { host: host() })).status).toBe(401);
    expect((await get(server.port, good.replace(/token=[^&]+&/, ''), { host: host() })).status).toBe(401);
    expect((await get(server.port, good, { host: 'evil.example:80' })).status).toBe(421);
    expect((await get(server.port, good, { host: host(), origin: 'http://evil.example' })).status).toBe(403);
    const bad = await get(server.port, downloadQuery(server.token, { view: 'retirements', format: 'json', filters: { beforeDate: '2023-02-29' } }), { host: host() });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatch(/beforeDate/);
    expect((await get(server.port, good.replace('view=retirements', 'view=nope'), { host: host() })).status).toBe(400);
  });
});
