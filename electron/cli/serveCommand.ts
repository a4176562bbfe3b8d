import { type Command, InvalidArgumentError } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors.js';
import { startLiveMode } from '../core/live/liveMode.js';
import { startServe } from '../serve.js';
import { engineFor } from './context.js';

export function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new InvalidArgumentError('expected a port number 0-65535');
  return Number(value);
}

/** The built renderer: next to the compiled CLI in build/, or built from source by `npm run build:renderer`. */
export function rendererDir(): string {
  // From source: electron/cli → <repo>/build/renderer. Compiled: build/node/electron/cli → build/renderer.
  const candidates = [path.resolve(__dirname, '..', '..', 'build', 'renderer'), path.resolve(__dirname, '..', '..', '..', 'renderer')];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html')));
  if (!found) throw new AppError('NOT_FOUND', 'The renderer is not built: run `npm run build:renderer` first.');
  return found;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the app to a browser on 127.0.0.1 (prints a URL with a per-launch token)')
    .option('--port <n>', 'port to listen on (0 = any free port)', parsePort, 0)
    .option('--no-live', "do not follow Horizon's streams (live mode: new sales, outflows and mints load as they happen)")
    .action(async (opts: { port: number; live: boolean }, cmd: Command) => {
      const engine = engineFor(cmd);
      engine.writer(); // open (and migrate) now, so a bad database fails before the URL is printed
      const server = await startServe(engine, { port: opts.port, staticDir: rendererDir() });
      const live = startLiveMode(engine, { available: opts.live }).status();
      process.stdout.write(`Serving ${engine.dbPath}\n${server.url}\n`);
      process.stderr.write(`live mode: ${live.state}${live.reason ? ` (${live.reason})` : ''}\n`);
      const stop = () => {
        void server.close().then(() => {
          engine.close();
          process.exit(0);
        });
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
