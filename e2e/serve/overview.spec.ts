import { expect, test } from '@playwright/test';
import { type ServeHandle, startServeProcess } from '../support/serveProcess';

let serve: ServeHandle;

test.beforeAll(async () => {
  serve = await startServeProcess();
});
test.afterAll(async () => {
  await serve?.stop();
});

test('the Overview page shows the real app info from the database', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

  // The reference values come from the API itself, through the same token the page uses.
  const info = (await (
    await page.request.post(`${serve.origin}/api/app.info`, { headers: { 'x-sc-token': serve.token }, data: {} })
  ).json()) as { ok: true; value: { appVersion: string; schemaVersion: number; dbPath: string; rowCounts: { table: string; rows: number }[] } };
  expect(info.ok).toBe(true);

  await page.goto(serve.url);
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  await expect(page.getByTestId('app-version')).toHaveText(info.value.appVersion);
  await expect(page.getByTestId('schema-version')).toHaveText(String(info.value.schemaVersion));
  await expect(page.getByTestId('db-path')).toHaveText(serve.dbPath);
  for (const { table, rows } of info.value.rowCounts) {
    await expect(page.locator(`[data-testid="row-counts"] tr[data-table="${table}"] td.num`)).toHaveText(String(rows));
  }
  expect(errors).toEqual([]);
});

test('the bridge refuses API calls without the token or from a foreign origin', async ({ request }) => {
  const noToken = await request.post(`${serve.origin}/api/app.info`, { data: {} });
  expect(noToken.status()).toBe(401);
  const foreign = await request.post(`${serve.origin}/api/app.info`, {
    headers: { 'x-sc-token': serve.token, origin: 'https://evil.example' },
    data: {},
  });
  expect(foreign.status()).toBe(403);
});
