import { type Page, expect, test } from '@playwright/test';
import { SC_DATA_DIR, hasShared } from '../../electron/testkit/sharedDir';
import { type ProvenanceCounts, apiCall, provenanceSentence, watchErrors } from '../support/apiCall';
import { saveScreenshot } from '../support/artifacts';
import { type FakeWorldHandle, startFakeScDataProcess, startFakeWorldProcess } from '../support/fakeWorldProcess';
import { type ServeHandle, startServeProcess } from '../support/serveProcess';

/**
 * The common case: a Horizon that keeps about a year of history (as SDF's public one does), and the published
 * dumps downloaded over HTTP (a fake raw.githubusercontent.com, slowed so the per-file progress shows). Loading from
 * the sources alone is refused with a reason; starting from the published data works, and then the Overview shows
 * the minted-blocks stream as a history gap and the rows older than the history as unconfirmable, listed, not hidden.
 */
test.skip(!hasShared, `The published sc-data fixtures are not in the workplace shared folder (${SC_DATA_DIR}).`);
test.describe.configure({ mode: 'serial' });

let world: FakeWorldHandle;
let scData: { env: Record<string, string>; stop(): Promise<void> };
let serve: ServeHandle;

test.beforeAll(async () => {
  world = await startFakeWorldProcess({ keepDays: 365 });
  scData = await startFakeScDataProcess({ slowMs: 400 });
  serve = await startServeProcess({ env: { ...world.env, ...scData.env } });
});
test.afterAll(async () => {
  await serve?.stop();
  await scData?.stop();
  await world?.stop();
});

const call = <T>(page: Page, name: string, params: object = {}) => apiCall<T>(serve, page, name, params);

interface Gap {
  stream: string;
  fromLedger: number;
  toLedger: number;
}

test('a one-year Horizon: sources only is refused, the published data then shows a history gap and unconfirmable rows', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`${serve.url}#/overview`);
  await page.getByTestId('welcome-sources').click();
  const failure = page.getByTestId('catchup-error');
  await expect(failure).toBeVisible({ timeout: 100_000 });
  await expect(failure).toContainText('keeps history only from ledger');
  await expect(page.getByTestId('welcome')).toBeVisible();
  errors.length = 0; // the failed call's HTTP error is expected

  await page.getByTestId('welcome-bootstrap').click();
  // Each file takes 400 ms: the welcome screen and the navigation's panel show which one is on its way.
  await expect(page.getByTestId('welcome-progress-bootstrap')).toContainText(/^Downloading published data \([0-6]\/7 done\): [a-z_]+\.ndjson: /);
  await expect(page.getByTestId('catchup-progress-bootstrap')).toContainText('Downloading published data');
  await saveScreenshot(page, '25-welcome-bootstrap-progress');
  await expect(page.getByTestId('catchup-result')).toBeVisible({ timeout: 150_000 });
  await expect(page.getByTestId('catchup-bootstrap')).toContainText('128 rows from 7 files');
  await expect(page.getByTestId('catchup-history-gaps')).toContainText('A history gap');

  // The mints (the last in 2022) lie before this Horizon's history: one gap, named on the Overview.
  const gaps = await call<Gap[]>(page, 'sync.historyGaps');
  expect(gaps.map((g) => g.stream)).toEqual(['minted-blocks']);
  const gap = gaps[0]!;
  const line = page.getByTestId('overview-history-gaps').getByTestId('history-gap');
  await expect(line).toHaveCount(1);
  await expect(line).toContainText(`History gap: minted-blocks ledgers ${gap.fromLedger}–${gap.toLedger} (2022-02-01 to `);
  await expect(line).toContainText(`not held by ${world.url}`);

  // Verify with sources: rows older than the history are unconfirmable (a finding), none differs, verify passes.
  await page.goto(`${serve.url}#/audit?tab=verify`);
  await page.getByTestId('verify-run').click();
  await expect(page.getByTestId('verify-report')).toBeVisible({ timeout: 100_000 });
  const summary = await call<ProvenanceCounts>(page, 'provenance.summary');
  expect(summary).toMatchObject({ bootstrapped: 128, differs: 0, unchecked: 0 });
  expect(summary.unconfirmable).toBeGreaterThan(0);
  expect(summary.confirmed + summary.unconfirmable).toBe(128);
  await expect(page.getByTestId('verify-provenance')).toContainText(provenanceSentence(summary));
  await expect(page.locator('[data-testid="verify-report"] tr[data-check="history-gaps"]')).toContainText('findings');
  await expect(page.locator('[data-testid="verify-report"] tr[data-check="provenance"]')).toContainText('findings');

  await page.goto(`${serve.url}#/overview`);
  await expect(page.getByTestId('overview-provenance-text')).toHaveText(provenanceSentence(summary));
  await expect(page.getByTestId('overview-history-gaps')).toBeVisible();
  await saveScreenshot(page, '26-overview-history-gap');

  await page.goto(`${serve.url}#/audit?tab=provenance&status=unconfirmable&table=minted_blocks`);
  const table = page.getByTestId('table-provenance');
  await expect(table.getByTestId('row-count')).toHaveText('9 rows');
  await table.locator('.tr').first().click();
  await expect(page.getByTestId('provenance-detail')).toContainText("older than this Horizon's history");
  await saveScreenshot(page, '27-provenance-unconfirmable');
  expect(errors).toEqual([]);
});
