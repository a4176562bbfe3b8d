/**
 * Child process of the catch-up benchmarks: serves salesWorld(argv[2]) on 127.0.0.1 (its own process, so serving
 * 50k sales does not compete with the catch-up for the same event loop) and prints its base URL.
 */
import { startFakeWorld } from '../electron/testkit/fakeWorld/server.js';
import { salesWorld } from './catchUpWorld.js';

async function main(): Promise<void> {
  const server = await startFakeWorld(salesWorld(Number(process.argv[2] ?? 1000)));
  process.stdout.write(`${server.url}\n`);
  process.on('SIGTERM', () => {
    // What the server saw, by kind: the benchmark counts requests here, so the app runs as in production.
    const counts: Record<string, number> = {};
    for (const e of server.log) {
      const kind = /\/operations$/.test(e.path) ? 'operations' : /\/payments$/.test(e.path) ? 'payments pages' : 'verra';
      counts[kind] = (counts[kind] ?? 0) + 1;
    }
    process.stdout.write(`counts ${JSON.stringify(counts)}\n`);
    void server.close().then(() => process.exit(0));
  });
}

void main();
