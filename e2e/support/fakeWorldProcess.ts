import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './serveProcess';

export interface FakeWorldHandle {
  url: string;
  /** SC_HORIZON_URL / SC_VERRA_* pointing at the fake world: pass to startServeProcess({ env }). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Serves the fake Horizon + Verra (electron/testkit/fakeWorld/serveWorld.ts) on a free port, from the published
 * sc-data (default) or the recorded fixtures, and waits for the env settings it prints. `keepDays` prunes its
 * Horizon to that many days before the newest record (SDF's public Horizon keeps about 365).
 */
export async function startFakeWorldProcess(
  opts: { world?: 'sc-data' | 'fixtures'; until?: string; keepDays?: number; historyMode?: 'clamp' | '410' } = {},
): Promise<FakeWorldHandle> {
  const script = path.join(REPO_ROOT, 'electron', 'testkit', 'fakeWorld', 'serveWorld.ts');
  const args = [path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), script, '--port', '0', '--world', opts.world ?? 'sc-data'];
  if (opts.until) args.push('--until', opts.until);
  if (opts.keepDays !== undefined) args.push('--keep-days', String(opts.keepDays), '--history-mode', opts.historyMode ?? 'clamp');
  const child: ChildProcess = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const env = await new Promise<Record<string, string>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the fake world did not start in time.\nstdout: ${out}\nstderr: ${err}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const settings = Object.fromEntries([...out.matchAll(/^(SC_[A-Z_]+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
      if (settings.SC_HORIZON_URL && settings.SC_VERRA_ASSET_SEARCH_URL && settings.SC_VERRA_REPORT_URL) {
        clearTimeout(timer);
        resolve(settings);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the fake world exited with ${code}.\nstdout: ${out}\nstderr: ${err}`));
    });
  });
  return {
    url: env.SC_HORIZON_URL ?? '',
    env,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
