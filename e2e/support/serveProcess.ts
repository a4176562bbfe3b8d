import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface ServeHandle {
  url: string;
  origin: string;
  token: string;
  dbPath: string;
  dir: string;
  stop(): Promise<void>;
}

/** Runs the CLI with tsx, as a user would with `npm run -s cli -- …`. */
export function cliArgs(args: string[]): { cmd: string; args: string[] } {
  return { cmd: process.execPath, args: [path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(REPO_ROOT, 'electron', 'cli.ts'), ...args] };
}

/**
 * Starts `serve` on a fresh database (or the one given) and waits for the tokened URL it prints. A catch-up on an
 * empty database bootstraps from SC_DATA_URL, whose default is on the internet: unless the test sets it, it points
 * at a folder that does not exist, so such a bootstrap fails at once (and is reported) instead of going online.
 */
export async function startServeProcess(opts: { dbPath?: string; env?: Record<string, string> } = {}): Promise<ServeHandle> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-e2e-'));
  const dbPath = opts.dbPath ?? path.join(dir, 'e2e.sqlite3');
  const env: NodeJS.ProcessEnv = { ...process.env, SC_DATA_URL: path.join(dir, 'no-published-data'), ...opts.env };
  // Live mode follows SC_HORIZON_URL: without a fake Horizon it would stream from the real one (no test goes online).
  const { cmd, args } = cliArgs(['serve', '--port', '0', '--db', dbPath, ...(env.SC_HORIZON_URL ? [] : ['--no-live'])]);
  const child: ChildProcess = spawn(cmd, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not print its URL in time.\nstdout: ${out}\nstderr: ${err}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}.\nstdout: ${out}\nstderr: ${err}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    dbPath,
    dir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
