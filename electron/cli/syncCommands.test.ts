import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hasShared, SC_DATA_DIR } from '../testkit/sharedDir.js';
import { worldFromScData } from '../testkit/fakeWorld/fromScData.js';
import { startFakeWorld, type FakeWorldServer } from '../testkit/fakeWorld/server.js';
import { buildProgram } from './program.js';

describe.skipIf(!hasShared)('catch-up and load commands', () => {
  let server: FakeWorldServer;
  let dir: string;
  beforeEach(async () => {
    server = await startFakeWorld(worldFromScData(SC_DATA_DIR));
    for (const [k, v] of Object.entries(server.settings)) vi.stubEnv(k, v);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-sync-cli-'));
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function cli(...args: string[]): Promise<string> {
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    try {
      await buildProgram().parseAsync(['node', 'sc-audit-explorer', '--db', path.join(dir, 'db.sqlite'), ...args]);
    } finally {
      vi.mocked(process.stdout.write).mockRestore();
    }
    return out;
  }

  it('prints one line per step, and loads nothing the second time', async () => {
    expect(await cli('catch-up')).toBe(
      [
        'Loaded 1 impact projects',
        'Loaded 29 distribution transactions',
        'Loaded 31 sinking transactions',
        'Loaded 17 retirements',
        'Loaded 9 minted blocks',
        'Loaded 17 retirement-from-block associations',
        'Loaded 24 sink statuses',
        '',
      ].join('\n'),
    );
    expect(await cli('load', 'sinking-txs')).toBe('Loaded 0 sinking transactions\n');
    expect(await cli('load', 'associations')).toBe('Loaded 0 retirement-from-block associations\nLoaded 0 sink statuses\n');
  });
});
