import { SC_DATA_DIR } from '../sharedDir.js';
import { startFakeScData } from './server.js';
import { SC_DATA_FILES } from './snapshot.js';

/**
 * Serves sc-data's published dumps like raw.githubusercontent.com, for e2e tests and manual runs:
 *   npx tsx electron/testkit/fakeScData/serveScData.ts [--port 0] [--dir DIR] [--slow-ms N]
 * (--dir defaults to the shared fixtures folder, read in place; --slow-ms delays each file's first answer, so a
 * bootstrap's per-file progress can be watched). Prints `SC_DATA_URL=<base URL>`, then serves until killed.
 */
async function main(argv: string[]): Promise<void> {
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const server = await startFakeScData(arg('dir') ?? SC_DATA_DIR, Number(arg('port') ?? 0));
  const slowMs = Number(arg('slow-ms') ?? 0);
  if (slowMs > 0) for (const file of SC_DATA_FILES) server.faults.add(file, { kind: 'slow', ms: slowMs });
  process.stdout.write(`SC_DATA_URL=${server.url}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main(process.argv.slice(2));
