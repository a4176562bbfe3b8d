import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * Runs a TypeScript helper as its own Node process, reading its stdout lines. `node --import tsx` rather than the
 * tsx CLI: the CLI is a wrapper that starts the script in a second process, so a SIGKILL would hit the wrapper and
 * leave the real worker running. The child also gets its own process group, killed as a whole.
 */
const REPO = path.resolve(__dirname, '..', '..', '..');

export class Child {
  readonly lines: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly proc: ChildProcess;
  private waiters: { test: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  stderr = '';

  constructor(script: string, args: string[], env: NodeJS.ProcessEnv) {
    this.proc = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, script), ...args], {
      cwd: REPO,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    let buf = '';
    this.proc.stdout?.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        this.lines.push(line);
        this.waiters = this.waiters.filter((w) => (w.test(line) ? (w.resolve(line), false) : true));
      }
    });
    this.proc.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString('utf8')));
    this.exited = new Promise((resolve) => this.proc.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get pid(): number {
    return this.proc.pid as number;
  }

  /** The first stdout line (past or future) that passes the test; rejects when the child exits first or after ms. */
  waitForLine(test: (line: string) => boolean, ms = 60_000): Promise<string> {
    const seen = this.lines.find(test);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching line within ${ms} ms; got:\n${this.lines.join('\n')}\n${this.stderr}`)), ms);
      this.waiters.push({ test, resolve: (l) => (clearTimeout(timer), resolve(l)) });
      void this.exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`child exited before a matching line; got:\n${this.lines.join('\n')}\n${this.stderr}`));
      });
    });
  }

  /** SIGKILL to the child's process group (the child and anything it started), then waits for its exit. */
  async kill(): Promise<void> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) {
      try {
        if (process.platform === 'win32') this.proc.kill('SIGKILL');
        else process.kill(-this.pid, 'SIGKILL');
      } catch {
        this.proc.kill('SIGKILL');
      }
    }
    await this.exited;
  }
}

/** Polls until cond() holds (e.g. the fake server saw the request to stall), or throws after ms. */
export async function until(cond: () => boolean, ms = 60_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
