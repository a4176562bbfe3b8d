import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './serveProcess';

export interface EnvProcess {
  /** The `SC_…=value` settings it printed. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Runs a testkit server script with tsx and waits until it has printed every `KEY=value` line named in `keys`
 * (the settings that point the app at it). Stopped with SIGTERM.
 */
export async function startEnvProcess(script: string, args: string[], keys: readonly string[], what: string): Promise<EnvProcess> {
  const argv = [path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(REPO_ROOT, script), ...args];
  const child: ChildProcess = spawn(process.execPath, argv, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const env = await new Promise<Record<string, string>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start in time.\nstdout: ${out}\nstderr: ${err}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const settings = Object.fromEntries([...out.matchAll(/^(SC_[A-Z_]+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
      if (keys.every((k) => settings[k])) {
        clearTimeout(timer);
        resolve(settings);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}.\nstdout: ${out}\nstderr: ${err}`));
    });
  });
  return {
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
