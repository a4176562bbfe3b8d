import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { vi } from 'vitest';
import { reportCliError } from '../cli/errors.js';
import { buildProgram } from '../cli/program.js';
import { spawnCollect } from './spawnCollect.js';

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

/** runCli without blocking this process (a fake server in it must keep answering). */
export function runCliAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return spawnCollect(TSX, [path.join(REPO, 'electron', 'cli.ts'), ...args], { cwd: REPO, env: { ...process.env, SC_ACTOR: 'test', ...env } });
}

/** A write spy that collects the text and calls the write callback, since the CLI awaits flushed writes. */
function collect(add: (s: string) => void) {
  return ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    add(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    (rest.find((r) => typeof r === 'function') as (() => void) | undefined)?.();
    return true;
  }) as never;
}

/**
 * Runs the CLI in this process (as `program.parseAsync` does for a user) with stdout and stderr captured, and the exit
 * code the real CLI would give (an error becomes its line on stderr and exit code 1 or 2).
 */
export async function runCliCaptured(args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const outSpy = vi.spyOn(process.stdout, 'write').mockImplementation(collect((t) => (stdout += t)));
  const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation(collect((t) => (stderr += t)));
  let code = 0;
  try {
    await buildProgram().parseAsync(['node', 'sc-audit-explorer', ...args]);
  } catch (e) {
    code = reportCliError(e);
  } finally {
    outSpy.mockRestore();
    errSpy.mockRestore();
  }
  return { code, stdout, stderr };
}

/** Runs the CLI in this process, returning what it wrote on stdout; rejects as the command does. */
export async function runCliInProcess(args: string[]): Promise<string> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation(collect((t) => (out += t)));
  try {
    await buildProgram().parseAsync(['node', 'sc-audit-explorer', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}
