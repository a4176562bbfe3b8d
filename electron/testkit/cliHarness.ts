import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { vi } from 'vitest';
import { buildProgram } from '../cli/program.js';

/** Runs the real CLI in a child process (as a user would), returning its exit code and both streams. */
const REPO = path.resolve(__dirname, '..', '..');
const TSX = path.join(REPO, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const r = spawnSync(TSX, [path.join(REPO, 'electron', 'cli.ts'), ...args], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, SC_ACTOR: 'test', ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs the CLI in this process (as `program.parseAsync` does for a user), returning what it wrote on stdout. The
 * stdout spy calls write callbacks, since writers that stream wait for each flush. Rejects as the command does.
 */
export async function runCliInProcess(args: string[]): Promise<string> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    out += String(chunk);
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    done?.();
    return true;
  });
  try {
    await buildProgram().parseAsync(['node', 'sc-audit-explorer', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}
