import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from './core/engine.js';
import { type RunningServer, startServe } from './serve.js';
import { staticFileFor } from './serveGuards.js';

/** Raw requests, so tests control Host and Origin exactly as an attacker's page or a rebinding DNS would. */
function request(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('serve (browser bridge)', () => {
  let dir: string;
  let server: RunningServer;
  let engine: Engine;
  const host = () => `127.0.0.1:${server.port}`;
  const api = (name: string, headers: Record<string, string> = {}, body = '{}') =>
    request(server.port, { method: 'POST', path: `/api/${name}`, headers: { host: host(), 'x-sc-token': server.token, ...headers }, body });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-serve-'));
    const staticDir = path.join(dir, 'static');
    fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
    fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'do not serve');
    engine = new Engine(path.join(dir, 'db.sqlite3'));
    server = await startServe(engine, { port: 0, staticDir });
  });
  afterAll(async () => {
    await server.close();
    engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('listens on loopback and prints a URL carrying a random token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{32}$`));
  });

  it('answers an API call that carries the token', async () => {
    const res = await api('app.info');
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as { ok: boolean; value: { schemaVersion: number; dbPath: string } };
    expect(body.ok).toBe(true);
    expect(body.value.dbPath).toBe(path.join(dir, 'db.sqlite3'));
    expect(body.value.schemaVersion).toBeGreaterThanOrEqual(1);
  });

  it('refuses a call without the token or with a wrong one', async () => {
    for (const token of [undefined, 'wrong', server.token.slice(1)]) {
      const headers: Record<string, string> = { host: host() };
      if (token !== undefined) headers['x-sc-token'] = token;
      const res = await request(server.port, { method: 'POST', path: '/api/app.info', headers, body: '{}' });
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('refuses a foreign Origin even with the token (CSRF)', async () => {
    const res = await api('app.info', { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    const same = await api('app.info', { origin: `http://${host()}` });
    expect(same.status).toBe(200);
  });

  it('refuses a foreign Host (DNS rebinding), for pages and the API', async () => {
    expect((await request(server.port, { path: '/', headers: { host: `evil.example:${server.port}` } })).status).toBe(421);
    expect((await api('app.info', { host: 'evil.example' })).status).toBe(421);
  });

  it('rejects unknown methods and bad params with BAD_INPUT', async () => {
    const unknown = await api('db.dropEverything');
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const bad = await api('app.info', {}, '{"extra":true}');
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const notJson = await api('app.info', {}, '{nope');
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('serves the renderer with a strict CSP, without directory listing or traversal', async () => {
    const index = await request(server.port, { path: '/', headers: { host: host() } });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await request(server.port, { path: '/assets/app.js', headers: { host: host() } })).status).toBe(200);
    expect((await request(server.port, { path: '/assets/', headers: { host: host() } })).status).toBe(404);
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00', '/.env']) {
      expect((await request(server.port, { path: p, headers: { host: host() } })).status).toBe(404);
    }
  });

  it('streams events only to token holders', async () => {
    expect((await request(server.port, { path: '/api-events', headers: { host: host() } })).status).toBe(401);
    const received = await new Promise<string>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: server.port, path: `/api-events?token=${server.token}`, headers: { host: host() } }, (res) => {
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buf += chunk;
          if (buf.includes(': connected')) engine.events.emit('data.changed', { tables: ['sinking_txs'] });
          if (buf.includes('data.changed')) {
            req.destroy();
            resolve(buf);
          }
        });
      });
      req.on('error', reject);
    });
    expect(received).toContain('"tables":["sinking_txs"]');
  });
});

describe('static file mapping', () => {
  it('keeps every path inside the root', () => {
    const root = path.resolve('/srv/app');
    expect(staticFileFor(root, '/')).toBe(path.join(root, 'index.html'));
    expect(staticFileFor(root, '/assets/a.js')).toBe(path.join(root, 'assets', 'a.js'));
    for (const bad of ['/../etc/passwd', '/a/../../etc', '/%2e%2e/x', '/x%00.js', '/.git/config', '/a\\..\\b', '/%E0%A4%A']) {
      expect(staticFileFor(root, bad)).toBeNull();
    }
  });
});
