import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { saveScreenshot } from '../support/artifacts';
import { type ServeHandle, startServeProcess } from '../support/serveProcess';

let serve: ServeHandle;

test.beforeAll(async () => {
  serve = await startServeProcess();
});
test.afterAll(async () => {
  await serve?.stop();
});

test("the Report page writes the auditor's report as Markdown and PDF, with the day files", async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const day = new Date().toISOString().slice(0, 10);
  const outDir = path.join(serve.dir, 'reports');

  await page.goto(`${serve.url}#/report?from=${day}&to=${day}`);
  await expect(page.getByRole('heading', { name: 'Report', exact: true })).toBeVisible();
  await expect(page.getByTestId('report-from')).toHaveValue(day);
  await page.getByTestId('report-dir').fill(outDir);
  await expect(page.getByTestId('report-pdf')).toBeChecked();
  await page.getByTestId('report-write').click();

  await expect(page.getByTestId('report-written')).toBeVisible({ timeout: 60_000 });
  const base = path.join(outDir, `audit-report-${day}_${day}`);
  await expect(page.getByTestId('report-file').first()).toContainText(`${base}.md`);
  await expect(page.getByTestId('report-file').nth(1)).toContainText(`${base}.pdf`);
  await expect(page.getByTestId('report-file')).toHaveCount(4);
  expect(fs.readFileSync(`${base}.md`, 'utf8')).toContain("# Auditor's report");
  expect(fs.readFileSync(`${base}.pdf`).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(fs.existsSync(path.join(outDir, `operations-${day}_${day}`, `audit-${day}.md`))).toBe(true);
  await saveScreenshot(page, 'report-page');
  expect(errors).toEqual([]);
});
