import { vi } from 'vitest';
import { Engine } from '../core/engine.js';
import { startFakeScData, type FakeScDataServer, type ScDataSource } from './fakeScData/index.js';
import { startFakeWorld, type FakeWorldServer, type World } from './fakeWorld/index.js';

/**
 * A first run on a (fake) real network: a fake Horizon + Verra serving `world`, a fake sc-data serving `dumps`,
 * the environment pointing the engine at both (SC_HORIZON_URL …, SC_DATA_URL), and an empty in-memory database.
 * `close()` undoes all of it; call it from afterEach.
 */
export class FirstRun {
  world: FakeWorldServer | undefined;
  scData: FakeScDataServer | undefined;
  engine: Engine | undefined;

  async start(world: World, dumps: ScDataSource): Promise<Engine> {
    this.world = await startFakeWorld(world);
    this.scData = await startFakeScData(dumps);
    for (const [k, v] of Object.entries(this.world.settings)) vi.stubEnv(k, v);
    vi.stubEnv('SC_DATA_URL', this.scData.url);
    this.engine = new Engine(':memory:');
    return this.engine;
  }

  async close(): Promise<void> {
    vi.unstubAllEnvs();
    this.engine?.close();
    await this.world?.close();
    await this.scData?.close();
    this.engine = this.world = this.scData = undefined;
  }
}
