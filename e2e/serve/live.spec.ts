import { type Page, expect, test } from '@playwright/test';
import { DEFAULT_SOURCE_CONFIG } from '../../electron/core/config';
import { appendNewSale } from '../../electron/testkit/fakeWorld/newSale';
import { hasShared } from '../../electron/testkit/sharedDir';
import { spawnCollect } from '../../electron/testkit/spawnCollect';
import { apiCall, watchErrors } from '../support/apiCall';
import { saveScreenshot } from '../support/artifacts';
import { useFakeWorldServe } from '../support/fakeWorldServe';
import { REPO_ROOT, cliArgs } from '../support/serveProcess';

/**
 * Live mode (issue 16): while serve is open, a sale that happens on Horizon shows up in the open sinks table by
 * itself (the fake Horizon's stream pushes it); the header's toggle shows the state and turns it off; a catch-up
 * run by the CLI on the same database is announced and the table refreshes when it ends.
 */
test.skip(!hasShared, 'The published sc-data fixtures are not in the workplace shared folder.');
test.describe.configure({ mode: 'serial' });

const running = useFakeWorldServe();
const call = <T>(page: Page, name: string, params: object = {}) => apiCall<T>(running.serve(), page, name, params);
const SINK = DEFAULT_SOURCE_CONFIG.sinkIssuer;

/** The CLI as a separate process (not spawnSync: nothing here may block while it runs). */
function cli(args: string[], env: Record<string, string>) {
  const { cmd, args: full } = cliArgs(args);
  return spawnCollect(cmd, full, { cwd: REPO_ROOT, env: { ...process.env, SC_ACTOR: 'cli-auditor', ...env } });
}

test('a new sale shows up by itself; the toggle turns live mode off; a CLI catch-up is announced and refreshes the view', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`${running.serve().url}#/overview`);
  const toggle = page.getByTestId('live-toggle');
  // An empty database: live mode waits for the first catch-up (a live load would read the whole history).
  await expect(toggle).toHaveAttribute('data-state', 'waiting');
  await call(page, 'sync.catchUp', { fresh: true });
  await expect(toggle).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
  await expect(toggle).toHaveText('Live');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');

  await page.goto(`${running.serve().url}#/sinks`);
  const table = page.getByTestId('table-sinks');
  const before = await table.getByTestId('row-count').textContent();
  const sale = await appendNewSale(running.world().url, SINK);
  // No click: the stream's record runs the sinking-txs step, whose data.changed refreshes the table.
  const row = table.locator(`[data-key="${sale.hash}"]`);
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(table.getByTestId('row-count')).not.toHaveText(before ?? '');
  await saveScreenshot(page, '60-live-new-sale');
  const ops = await call<{ rows: { kind: string; via: string | null }[] }>(page, 'audit.operations', { limit: 20 });
  expect(ops.rows.some((o) => o.kind === 'load' && o.via === 'live')).toBe(true);

  // Off for this session: the next sale waits for a catch-up.
  await toggle.click();
  await expect(toggle).toHaveAttribute('data-state', 'off');
  await expect(toggle).toHaveText('Live off');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  const second = await appendNewSale(running.world().url, SINK);
  await page.waitForTimeout(1500);
  await expect(table.locator(`[data-key="${second.hash}"]`)).toHaveCount(0);

  // A catch-up from the CLI on the same database: announced while it runs and when it ends; the table refreshes.
  const run = await cli(['--db', running.serve().dbPath, 'catch-up'], running.world().env);
  expect(run.code, run.stderr).toBe(0);
  const notice = page.getByTestId('external-notice');
  await expect(notice).toContainText('catch-up by cli-auditor from the CLI', { timeout: 15_000 });
  await expect(notice).toContainText('finished; the views are refreshed');
  await expect(table.locator(`[data-key="${second.hash}"]`)).toBeVisible({ timeout: 15_000 });
  await saveScreenshot(page, '61-live-off-external-catch-up');

  await toggle.click();
  await expect(toggle).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
  expect(errors).toEqual([]);
});
