import type { Engine } from '../core/engine.js';
import type { VerraRetirementItem } from '../core/sources/verra.js';
import { runSync } from '../core/sync/runSync.js';
import { EnvPatch } from './envPatch.js';
import { worldFromScData } from './fakeWorld/fromScData.js';
import { startFakeWorld, type FakeWorldServer } from './fakeWorld/server.js';
import { SC_DATA_DIR } from './sharedDir.js';
import { TempEngines } from './tempEngines.js';

/** A Verra serial of project 1360's 2013–14 vintage (the published data's), from credit a to credit b. */
export const SERIAL = (a: number, b: number) => `8040-${a}-${b}-VCU-042-MER-PE-14-1360-01072013-30062014-1`;

/**
 * The registry drift tests' world (issue 15): the fake Horizon + Verra from the published data, an engine on a
 * database file caught up from it, and the registry's items to change between catch-ups. `start` in beforeEach,
 * `stop` in afterEach.
 */
export class DriftWorld {
  server!: FakeWorldServer;
  engine!: Engine;
  file = '';
  private readonly env = new EnvPatch();
  private readonly temp = new TempEngines('sc-drift-');

  async start(): Promise<void> {
    this.server = await startFakeWorld(worldFromScData(SC_DATA_DIR));
    this.env.set(this.server.settings);
    this.file = this.temp.dbFile();
    this.engine = this.temp.engine(this.file);
    await this.catchUp();
  }

  async stop(): Promise<void> {
    this.temp.cleanUp();
    this.env.restore();
    await this.server.close();
  }

  /** A plain catch-up (no bootstrap, no verify after it), as the app runs it. */
  catchUp() {
    return runSync(this.engine, { fresh: true, via: 'test', verify: false, http: { sleep: () => Promise.resolve() } });
  }

  /** The registry's item of a certificate, to change. */
  item(id: number): VerraRetirementItem {
    const found = this.server.world.verra.retirements.find((r) => Number(r.holdingIdentifier) === id);
    if (!found) throw new Error(`no certificate ${id} in the world`);
    return found;
  }
}
