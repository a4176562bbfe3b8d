import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { REPO_ROOT } from './serveProcess';

export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'e2e', 'artifacts');

/** A full-window screenshot kept as a test artifact (e2e/artifacts/, gitignored) for people to look at. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
