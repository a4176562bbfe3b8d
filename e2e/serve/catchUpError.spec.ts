import { expect, test } from '@playwright/test';
import { saveScreenshot } from '../support/artifacts';
import { type ServeHandle, startServeProcess } from '../support/serveProcess';

/** A catch-up whose sources cannot be reached says what happened and offers a retry; nothing else breaks. */
let serve: ServeHandle;

test.beforeAll(async () => {
  // Port 9 (discard) on loopback: nothing listens, so every request is refused at once.
  const dead = 'http://127.0.0.1:9';
  serve = await startServeProcess({
    env: { SC_HORIZON_URL: dead, SC_VERRA_ASSET_SEARCH_URL: `${dead}/search`, SC_VERRA_REPORT_URL: `${dead}/report` },
  });
});
test.afterAll(async () => {
  await serve?.stop();
});

test('a failed catch-up shows the error with a retry, and the button is usable again', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`${serve.url}#/overview`);
  await expect(page.getByTestId('welcome')).toBeVisible();
  // Sources only: the published data (SC_DATA_URL) is not what this test is about.
  await page.getByTestId('welcome-sources').click();
  const error = page.getByTestId('catchup-error');
  await expect(error).toBeVisible({ timeout: 100_000 });
  await expect(error).toContainText('Catch-up failed.');
  await expect(error).toContainText('127.0.0.1:9');
  await expect(error.getByRole('button', { name: 'Retry' })).toBeEnabled();
  await expect(page.getByTestId('catchup-button')).toBeEnabled();
  // Still no data: the welcome stays, and the Overview's last catch-up says it failed.
  await expect(page.getByTestId('welcome')).toBeVisible();
  await saveScreenshot(page, '15-catchup-error');
});
