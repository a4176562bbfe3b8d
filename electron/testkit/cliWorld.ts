import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';
import { runCliInProcess } from './cliHarness.js';
import { startFakeWorld, type FakeWorldServer } from './fakeWorld/server.js';
import type { World } from './fakeWorld/world.js';

/**
 * The CLI against a fake Horizon + Verra: `start` serves the world, points the environment at it and makes a fresh
 * folder whose `db.sqlite` every `cli(...)` call uses; `close` undoes it all (call it from afterEach).
 */
export class CliWorld {
  server!: FakeWorldServer;
  dir = '';

  async start(world: World, prefix = 'sc-cli-world-'): Promise<void> {
    this.server = await startFakeWorld(world);
    for (const [k, v] of Object.entries(this.server.settings)) vi.stubEnv(k, v);
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  }

  get dbPath(): string {
    return path.join(this.dir, 'db.sqlite');
  }

  cli(...args: string[]): Promise<string> {
    return runCliInProcess(['--db', this.dbPath, ...args]);
  }

  async close(): Promise<void> {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    await this.server?.close();
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
