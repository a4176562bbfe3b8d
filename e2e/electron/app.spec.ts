import { _electron as electron, expect, test } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../support/serveProcess';

/**
 * The Electron binary, if this machine has one (it cannot be downloaded everywhere, e.g. on CI here).
 * Found the way electron's index.js finds it, but without its fallback that tries to download the binary.
 */
function electronBinary(): string | null {
  const pkgDir = path.join(REPO_ROOT, 'node_modules', 'electron');
  const pathFile = path.join(pkgDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const rel = fs.readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkgDir, 'dist');
  const binary = path.join(dist, rel);
  return fs.existsSync(binary) ? binary : null;
}

const binary = electronBinary();
if (!binary) console.log('electron e2e skipped: no Electron binary here (ELECTRON_SKIP_BINARY_DOWNLOAD); the renderer runs in Chromium via serve.');
const mainJs = path.join(REPO_ROOT, 'build', 'node', 'electron', 'app', 'main.js');

test.skip(!binary, 'No Electron binary on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD); the renderer is covered through serve.');

test('the desktop app opens one secure window showing the Overview', async () => {
  test.skip(!fs.existsSync(mainJs), 'Run `npm run build` first: build/node/electron/app/main.js is missing.');
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-electron-'));
  const app = await electron.launch({
    executablePath: binary!,
    args: [mainJs],
    env: { ...process.env, SC_DB_PATH: path.join(home, 'e2e.sqlite3') },
  });
  const window = await app.firstWindow();
  await expect(window.getByRole('heading', { name: 'Overview' })).toBeVisible();
  expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
  expect(await window.evaluate(() => Object.keys((window as unknown as { scApi: object }).scApi).sort())).toEqual(['invoke', 'on']);
  await app.close();
});
