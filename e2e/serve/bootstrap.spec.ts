import { type Page, expect, test } from '@playwright/test';
import { SC_DATA_DIR, hasShared } from '../../electron/testkit/sharedDir';
import { type ProvenanceCounts, apiCall, provenanceSentence, watchErrors } from '../support/apiCall';
import { saveScreenshot } from '../support/artifacts';
import { type FakeWorldHandle, startFakeWorldProcess } from '../support/fakeWorldProcess';
import { type ServeHandle, startServeProcess } from '../support/serveProcess';

/**
 * The first run an auditor is offered: an empty database starts from Stellarcarbon's published dumps (SC_DATA_URL:
 * the shared sc-data fixtures folder, read in place), then catches up from the fake Horizon/Verra built from the
 * same dumps. The Overview shows the dumps' figures and how far the rows taken from them are confirmed; verify
 * with sources re-derives them, and the provenance list shows each verdict.
 */
test.skip(!hasShared, `The published sc-data fixtures are not in the workplace shared folder (${SC_DATA_DIR}).`);
test.describe.configure({ mode: 'serial' });

let world: FakeWorldHandle;
let serve: ServeHandle;

test.beforeAll(async () => {
  world = await startFakeWorldProcess();
  serve = await startServeProcess({ env: { ...world.env, SC_DATA_URL: SC_DATA_DIR } });
});
test.afterAll(async () => {
  await serve?.stop();
  await world?.stop();
});

const call = <T>(page: Page, name: string, params: object = {}) => apiCall<T>(serve, page, name, params);

test('the welcome page starts from the published data; the Overview then shows its figures and provenance', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`${serve.url}#/overview`);
  const welcome = page.getByTestId('welcome');
  await expect(welcome).toBeVisible();
  // The published data is the first and primary choice, with what it means for trust beside it.
  await expect(welcome.getByRole('button').first()).toHaveText("Start from Stellarcarbon's published data");
  await expect(page.getByTestId('welcome-bootstrap')).toHaveClass(/primary/);
  await expect(page.getByTestId('welcome-trust')).toContainText('the party being audited');
  await expect(page.getByTestId('welcome-trust')).toContainText('re-checked against Horizon and Verra');
  await expect(welcome).toContainText(SC_DATA_DIR);
  await expect(page.getByTestId('welcome-sources')).toHaveText('Load from the sources only (full-history Horizon needed)');
  // In a browser there is no native dialog: the saved-data paths are typed.
  await expect(page.getByTestId('welcome-path')).toBeEditable();
  await expect(page.getByTestId('welcome-path-choose')).toHaveCount(0);
  await saveScreenshot(page, '20-welcome-bootstrap');

  await page.getByTestId('welcome-bootstrap').click();
  // The bootstrap step's file line while it runs (or the run is already over on a fast machine).
  await expect(page.getByTestId('catchup-progress-bootstrap').or(page.getByTestId('catchup-result'))).toBeVisible();
  const result = page.getByTestId('catchup-result');
  await expect(result).toBeVisible({ timeout: 150_000 });
  await expect(page.getByTestId('catchup-bootstrap')).toContainText('Published data: 128 rows from 7 files');
  await expect(page.getByTestId('catchup-bootstrap-error')).toHaveCount(0);
  await expect(welcome).toBeHidden();

  // The figures are sc-data's own (expected_totals.json), and the server's.
  const stats = await call<{ carbon_sunk: string; carbon_retired: string; carbon_pending: string; carbon_stored: number }>(page, 'views.stats');
  expect(stats).toMatchObject({ carbon_sunk: '31.932', carbon_retired: '31.000', carbon_pending: '0.932', carbon_stored: 202 });
  await expect(page.getByTestId('card-sales')).toContainText('31');
  await expect(page.getByTestId('card-sunk')).toContainText('31.932');
  await expect(page.getByTestId('card-retired')).toContainText('31.000');
  await expect(page.getByTestId('card-pending')).toContainText('0.932');
  await expect(page.getByTestId('card-stored')).toContainText('202');
  await expect(page.getByTestId('card-minted')).toContainText(/171\s*of\s*202/);

  // Taken on the published data's word until verify runs with the sources: every row is unchecked.
  const summary = await call<ProvenanceCounts>(page, 'provenance.summary');
  expect(summary).toMatchObject({ bootstrapped: 128, confirmed: 0, differs: 0, unchecked: 128 });
  await expect(page.getByTestId('overview-provenance-text')).toHaveText(provenanceSentence(summary));
  await expect(page.getByTestId('overview-provenance-unchecked')).toContainText('128 unchecked');
  await expect(page.getByTestId('overview-provenance-differs')).toHaveCount(0);
  // The fake world keeps its whole history: no gap.
  expect(await call<unknown[]>(page, 'sync.historyGaps')).toEqual([]);
  await expect(page.getByTestId('overview-history-gaps')).toHaveCount(0);
  await saveScreenshot(page, '21-overview-bootstrapped');
  expect(errors).toEqual([]);
});

test('the provenance list opens from the Overview and filters by status and table in the URL', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`${serve.url}#/overview`);
  await page.getByTestId('overview-provenance').getByRole('link', { name: 'list' }).click();
  await expect(page).toHaveURL(/#\/audit\?tab=provenance$/);
  const table = page.getByTestId('table-provenance');
  await expect(table.getByTestId('row-count')).toHaveText('128 rows');
  await expect(page.getByTestId('provenance-summary')).toContainText('128 unchecked');

  await page.getByTestId('filter-provenance-table').selectOption('sinking_txs');
  await expect(page).toHaveURL(/table=sinking_txs/);
  await expect(table.getByTestId('row-count')).toHaveText('31 rows');
  await page.getByTestId('filter-provenance-status').selectOption('confirmed');
  await expect(page).toHaveURL(/status=confirmed/);
  await expect(table.getByTestId('row-count')).toHaveText('0 rows');
  await page.getByTestId('filter-provenance-status').selectOption('unchecked');
  await expect(table.getByTestId('row-count')).toHaveText('31 rows');
  await expect(table.locator('.tr .badge').first()).toHaveText('unchecked');

  // A permalink: the filters survive a reload, and a row opens its detail with a link to its history.
  await page.reload();
  await expect(page.getByTestId('filter-provenance-table')).toHaveValue('sinking_txs');
  await expect(table.getByTestId('row-count')).toHaveText('31 rows');
  await table.locator('.tr').first().click();
  await expect(page.getByTestId('provenance-detail')).toContainText('unchecked');
  await expect(page.getByTestId('provenance-detail').getByRole('link', { name: 'Full history of this record' })).toBeVisible();
  await saveScreenshot(page, '22-provenance-unchecked');
});

test('verify with sources confirms the bootstrapped rows; the Overview and the list say so', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`${serve.url}#/audit?tab=verify`);
  await expect(page.getByTestId('verify-offline')).toBeVisible();
  await expect(page.getByTestId('verify-run')).toHaveText('Verify (with sources)');
  await page.getByTestId('verify-run').click();
  await expect(page.getByTestId('verify-report')).toBeVisible({ timeout: 100_000 });
  await expect(page.getByTestId('verify-provenance-error')).toHaveCount(0);

  // The fake world holds every record the dumps hold: every bootstrapped row is confirmed.
  const summary = await call<ProvenanceCounts>(page, 'provenance.summary');
  expect(summary).toMatchObject({ bootstrapped: 128, confirmed: 128, differs: 0, unconfirmable: 0, unchecked: 0 });
  await expect(page.getByTestId('verify-provenance')).toContainText(provenanceSentence(summary));
  await expect(page.getByTestId('verify-provenance')).toContainText('this run checked 128 rows');
  await expect(page.locator('[data-testid="verify-report"] tr[data-check="provenance"]')).toContainText('pass');
  await expect(page.locator('[data-testid="verify-report"] tr[data-check="history-gaps"]')).toContainText('pass');
  await saveScreenshot(page, '23-verify-with-sources');

  await page.goto(`${serve.url}#/overview`);
  await expect(page.getByTestId('overview-provenance-text')).toHaveText('128 of 128 bootstrapped rows confirmed against Horizon and Verra, 0 unconfirmable');
  await expect(page.getByTestId('overview-provenance-unchecked')).toHaveCount(0);
  await expect(page.getByTestId('card-verify')).not.toContainText('not run');

  await page.goto(`${serve.url}#/audit?tab=provenance&status=confirmed`);
  await expect(page.getByTestId('table-provenance').getByTestId('row-count')).toHaveText('128 rows');
  await saveScreenshot(page, '24-provenance-confirmed');

  // Verify offline needs no source and keeps the verdicts.
  await page.goto(`${serve.url}#/audit?tab=verify`);
  await page.getByTestId('verify-offline').click();
  await expect(page.locator('[data-testid="verify-report"] tr[data-check="provenance"]')).toContainText('pass');
  await expect(page.getByTestId('verify-provenance')).toHaveCount(0);
});
