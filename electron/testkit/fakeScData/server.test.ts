import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasShared, SC_DATA_DIR } from '../sharedDir.js';
import { SC_DATA_BASE_PATH, startFakeScData, type FakeScDataServer, type ScDataSource } from './server.js';
import { olderSnapshot, SC_DATA_FILES } from './snapshot.js';

const BIG = `${Array.from({ length: 400 }, (_, i) => `[${i},"row ${i} \\u2708\\ufe0f",164821723627237383]`).join('\n')}\n`;
const FILES = {
  'vcs_projects.ndjson': '[1360,"Forest Management","AFOLU","VM0015",null,"Latin America","Peru"]\n',
  'sink_status.ndjson': Buffer.from('\n'),
  'utf8.ndjson': Buffer.from('["✈️ m³"]\n', 'utf8'),
  'sinking_txs.ndjson': BIG,
};

let server: FakeScDataServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(source: ScDataSource): Promise<FakeScDataServer> {
  server = await startFakeScData(source);
  return server;
}

describe('fake sc-data server', () => {
  it('serves in-memory files under the raw.githubusercontent.com path, byte for byte, as text/plain', async () => {
    const s = await serve(FILES);
    expect(s.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+${SC_DATA_BASE_PATH}$`));
    for (const [name, content] of Object.entries(FILES)) {
      const res = await fetch(`${s.url}/${name}`);
      const bytes = Buffer.from(await res.arrayBuffer());
      const want = typeof content === 'string' ? Buffer.from(content) : content;
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(res.headers.get('content-length')).toBe(String(want.length));
      expect(bytes.equals(want), name).toBe(true);
    }
    const head = await fetch(s.fileUrl('sinking_txs.ndjson'), { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(BIG)));
    expect(s.log.map((e) => [e.method, e.file, e.status])).toEqual([
      ...Object.keys(FILES).map((f) => ['GET', f, 200]),
      ['HEAD', 'sinking_txs.ndjson', 200],
    ]);
  });

  it('answers 404 for unknown files and paths outside the base path', async () => {
    const s = await serve(new Map(Object.entries(FILES)));
    for (const p of [`${SC_DATA_BASE_PATH}/retirements.ndjson`, '/vcs_projects.ndjson', `${SC_DATA_BASE_PATH}/%2e%2e%2fserver.ts`, `${SC_DATA_BASE_PATH}/constructor`]) {
      const res = await fetch(`${s.url.slice(0, -SC_DATA_BASE_PATH.length)}${p}`);
      expect(res.status, p).toBe(404);
      expect(await res.text()).toBe('404: Not Found');
    }
    expect((await fetch(`${s.url}/vcs_projects.ndjson`)).status).toBe(200);
  });

  it('plays faults queued per file once: status, rate limit, slow', async () => {
    const s = await serve(FILES);
    s.faults.add('vcs_projects.ndjson', { kind: 'status', status: 503 }, { kind: 'rate-limit', retryAfter: 7 }, { kind: 'slow', ms: 150 });
    const url = s.fileUrl('vcs_projects.ndjson');
    const failed = await fetch(url);
    expect(failed.status).toBe(503);
    expect(((await failed.json()) as { status: number }).status).toBe(503);
    expect((await fetch(s.fileUrl('sink_status.ndjson'))).status).toBe(200); // other files are not affected
    const limited = await fetch(url);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    await limited.arrayBuffer();
    const started = Date.now();
    const slow = await fetch(url);
    expect(await slow.text()).toBe(FILES['vcs_projects.ndjson']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(await (await fetch(url)).text()).toBe(FILES['vcs_projects.ndjson']);
    expect(s.log.map((e) => [e.file, e.status, e.fault])).toEqual([
      ['vcs_projects.ndjson', 503, 'status'],
      ['sink_status.ndjson', 200, undefined],
      ['vcs_projects.ndjson', 429, 'rate-limit'],
      ['vcs_projects.ndjson', 200, 'slow'],
      ['vcs_projects.ndjson', 200, undefined],
    ]);
  });

  it("cuts a download mid-file ('reset'): the full Content-Length is announced, at most half the body arrives", async () => {
    const s = await serve(FILES);
    s.faults.add('sinking_txs.ndjson', { kind: 'reset' });
    const res = await fetch(s.fileUrl('sinking_txs.ndjson'));
    const total = Buffer.byteLength(BIG);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(total));
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let received = 0;
    const read = async (): Promise<void> => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        received += value.length;
      }
    };
    await expect(read()).rejects.toThrow();
    expect(received).toBeLessThanOrEqual(Math.floor(total / 2));
    expect(s.log[0]).toMatchObject({ file: 'sinking_txs.ndjson', status: 200, fault: 'reset' });
    expect(Buffer.from(await (await fetch(s.fileUrl('sinking_txs.ndjson'))).arrayBuffer()).toString()).toBe(BIG);
  });

  it("never answers a 'hang' (the client's timeout fires) and close() still returns", async () => {
    const s = await serve(FILES);
    s.faults.add('vcs_projects.ndjson', { kind: 'hang' });
    await expect(fetch(s.fileUrl('vcs_projects.ndjson'), { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    expect(s.log[0]).toMatchObject({ status: 0, fault: 'hang' });
  });

  it.skipIf(!hasShared)('serves the shared dumps in place, byte-identical, and a replaced source from then on', async () => {
    const s = await serve(SC_DATA_DIR);
    for (const name of [...SC_DATA_FILES, 'columns.json']) {
      const bytes = Buffer.from(await (await fetch(s.fileUrl(name))).arrayBuffer());
      expect(bytes.equals(fs.readFileSync(path.join(SC_DATA_DIR, name))), name).toBe(true);
    }
    s.source = olderSnapshot(SC_DATA_DIR);
    expect(await (await fetch(s.fileUrl('sinking_txs.ndjson'))).text()).toBe(s.source['sinking_txs.ndjson']);
    expect((await fetch(s.fileUrl('columns.json'))).status).toBe(404);
  });
});
