import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hasShared } from '../../electron/testkit/sharedDir';
import { saveScreenshot } from '../support/artifacts';
import { type FakeWorldHandle, startFakeWorldProcess } from '../support/fakeWorldProcess';
import { REPO_ROOT, type ServeHandle, cliArgs, startServeProcess } from '../support/serveProcess';

/** The sale detail's "Proof bundle" under serve: the folder lands in proofs/ beside the database and checks offline. */
test.skip(!hasShared, 'The published sc-data fixtures are not in the workplace shared folder.');

const SALE = '263f997b4a2326df41ec2b346d79cbca4c06d2d72cff381620d39ca3ebe552f4';
let world: FakeWorldHandle;
let serve: ServeHandle;
let dbDir: string;

test.beforeAll(async () => {
  world = await startFakeWorldProcess();
  dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-e2e-proof-'));
  const dbPath = path.join(dbDir, 'proof.sqlite3');
  const { cmd, args } = cliArgs(['--db', dbPath, 'catch-up', '--fresh']);
  const run = spawnSync(cmd, args, { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, ...world.env } });
  expect(run.status, run.stderr).toBe(0);
  serve = await startServeProcess({ dbPath, env: world.env });
});
test.afterAll(async () => {
  await serve?.stop();
  await world?.stop();
  if (dbDir) fs.rmSync(dbDir, { recursive: true, force: true });
});

test('the sale detail writes a proof bundle whose check.mjs passes', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${serve.url}#/sinks?sel=${SALE}`);
  const detail = page.getByTestId('sink-detail');
  await expect(detail).toContainText(SALE);
  await detail.getByTestId('proof-bundle-write').click();
  const written = detail.getByTestId('proof-bundle-written');
  await expect(written).toBeVisible({ timeout: 60_000 });
  const dir = /Written to (\S+) \(/.exec((await written.textContent()) ?? '')?.[1] ?? '';
  expect(path.dirname(dir)).toBe(path.join(dbDir, 'proofs'));
  await expect(written).toContainText(`node ${dir}/check.mjs`);
  await saveScreenshot(page, 'proof-bundle');
  const check = spawnSync(process.execPath, [path.join(dir, 'check.mjs')], { encoding: 'utf8' });
  expect(check.stdout).toContain('ALL STEPS HOLD');
  expect(check.status).toBe(0);
  expect(errors).toEqual([]);
});
