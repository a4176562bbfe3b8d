import { SC_DATA_DIR } from '../sharedDir.js';
import { worldFromFixtures } from './fromFixtures.js';
import { worldFromScData, worldSlice } from './fromScData.js';
import { elderLedgerKeeping, prunedWorld } from './history.js';
import { startFakeWorld } from './server.js';

/**
 * Serves a fake Horizon + Verra for manual runs, e2e tests and the benchmark:
 *   npx tsx electron/testkit/fakeWorld/serveWorld.ts --port 8123 [--world sc-data|fixtures] [--until YYYY-MM-DD]
 *     [--keep-days N [--history-mode clamp|410]]   (Horizon keeps N days before the newest record, like SDF's ~365)
 * Prints the base URL and the env settings that point the app at it, then serves until killed.
 */
async function main(argv: string[]): Promise<void> {
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const kind = arg('world') ?? 'sc-data';
  const until = arg('until');
  let world = kind === 'fixtures' ? worldFromFixtures() : worldFromScData(arg('sc-data') ?? SC_DATA_DIR);
  if (until && 'truth' in world) world = worldSlice(world as ReturnType<typeof worldFromScData>, until);
  const keepDays = arg('keep-days');
  if (keepDays !== undefined) world = prunedWorld(world, elderLedgerKeeping(world, Number(keepDays)), arg('history-mode') === '410' ? '410' : 'clamp');
  const server = await startFakeWorld(world, Number(arg('port') ?? 0));
  process.stdout.write(`${server.url}\n`);
  for (const [k, v] of Object.entries(server.settings)) process.stdout.write(`${k}=${v}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main(process.argv.slice(2));
