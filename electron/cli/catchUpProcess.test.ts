import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeWorldServer, startFakeWorld, worldFromScData } from '../testkit/fakeWorld/index.js';
import { SC_DATA_DIR, hasShared } from '../testkit/sharedDir.js';

const REPO = path.resolve(__dirname, '..', '..');

/** Runs the real CLI as a user would; resolves with its exit code and output, or null if it did not exit in time. */
function runCli(args: string[], env: Record<string, string>, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string } | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'electron', 'cli.ts'), ...args], {
      cwd: REPO,
      env: { ...process.env, SC_ACTOR: 'test', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(null);
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

// The catch-up runs in a worker thread when the CLI runs it for real (no injected HTTP functions): this checks the
// whole path end to end, including that the process exits by itself once the work is done.
describe.skipIf(!hasShared)('catch-up in a real CLI process (worker thread)', () => {
  let world: FakeWorldServer;
  let dir: string;
  beforeAll(async () => {
    world = await startFakeWorld(worldFromScData(SC_DATA_DIR), 0);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-cli-catchup-'));
  });
  afterAll(async () => {
    await world.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads everything, exits 0 on its own, and a second run loads nothing', async () => {
    const db = path.join(dir, 'db.sqlite3');
    const env = { ...(world.settings as unknown as Record<string, string>) };
    const first = await runCli(['--db', db, 'catch-up', '--fresh'], env, 45_000);
    expect(first, 'the CLI did not exit after the catch-up').not.toBeNull();
    expect(first!.code).toBe(0);
    expect(first!.stdout).toContain('Loaded 31 sinking transactions');
    expect(first!.stdout).toContain('Loaded 24 sink status associations');
    const second = await runCli(['--db', db, 'catch-up', '--fresh'], env, 45_000);
    expect(second?.code).toBe(0);
    expect(second!.stdout).toContain('Loaded 0 sinking transactions');
  });
});
