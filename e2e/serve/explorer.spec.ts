import { type Page, expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { hasShared } from '../../electron/testkit/sharedDir';
import { saveScreenshot } from '../support/artifacts';
import { type FakeWorldHandle, startFakeWorldProcess } from '../support/fakeWorldProcess';
import { REPO_ROOT, type ServeHandle, cliArgs, startServeProcess } from '../support/serveProcess';

/**
 * The explorer end to end: an empty database, a catch-up from the fake Horizon/Verra world, then every page,
 * its filters, cross-links, export and permalinks, checked against the API and the CLI on the same database.
 */
test.skip(!hasShared, 'The published sc-data fixtures are not in the workplace shared folder.');
test.describe.configure({ mode: 'serial' });

let world: FakeWorldHandle;
let serve: ServeHandle;

test.beforeAll(async () => {
  world = await startFakeWorldProcess();
  serve = await startServeProcess({ env: world.env });
});
test.afterAll(async () => {
  await serve?.stop();
  await world?.stop();
});

async function call<T>(page: Page, name: string, params: object = {}): Promise<T> {
  const res = await page.request.post(`${serve.origin}/api/${name}`, { headers: { 'x-sc-token': serve.token }, data: params });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${name}: ${body.error?.message}`);
  return body.value;
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return errors;
}

async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`${serve.url}${hash}`);
}

/** The table's row count line, as the DataTable prints it. */
const countText = (n: number) => (n === 1 ? '1 row' : `${n} rows`);

interface SinkRow {
  hash: string;
  recipient: string;
  memo_value: string | null;
  statuses: { certificate_id: number; finalized: boolean }[];
}

test('an empty database offers a catch-up; after it every table holds the loaded rows', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1400, height: 900 });
  await open(page, '#/overview');
  await expect(page.getByTestId('welcome')).toBeVisible();
  await saveScreenshot(page, '00-welcome-empty');

  // Everything from the (fake) Horizon and Verra, without the published data: bootstrap.spec.ts starts from those.
  await page.getByTestId('welcome-sources').click();
  // Progress appears while it runs (or the run is already over on a fast machine).
  await expect(page.getByTestId('catchup-progress').or(page.getByTestId('catchup-result'))).toBeVisible();
  await expect(page.getByTestId('catchup-result')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('catchup-result')).toContainText('Sinking transactions');
  await expect(page.getByTestId('catchup-bootstrap')).toBeHidden();
  await expect(page.getByTestId('catchup-bootstrap-error')).toBeHidden();
  await expect(page.getByTestId('welcome')).toBeHidden();
  // No row came from published data, so the Overview has no provenance line.
  await expect(page.getByTestId('overview-provenance')).toBeHidden();
  await expect(page.getByTestId('card-sunk')).not.toContainText('—');

  const info = await call<{ rowCounts: { table: string; rows: number }[] }>(page, 'app.info');
  const rows = Object.fromEntries(info.rowCounts.map((r) => [r.table, r.rows]));
  expect(rows.sinking_txs).toBeGreaterThan(0);
  for (const { table, rows: n } of info.rowCounts) {
    await expect(page.locator(`[data-testid="row-counts"] tr[data-table="${table}"] td.num`)).toHaveText(String(n));
  }
  const stats = await call<{ carbon_sunk: string }>(page, 'views.stats');
  await expect(page.getByTestId('card-sunk')).toContainText(stats.carbon_sunk.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
  await saveScreenshot(page, '01-overview');

  const pages: [string, string, number][] = [
    ['#/sinks', 'table-sinks', rows.sinking_txs ?? 0],
    ['#/retirements', 'table-retirements', rows.retirements ?? 0],
    ['#/inventory', 'table-inventory', rows.minted_blocks ?? 0],
    ['#/distribution', 'table-distribution', rows.distribution_txs ?? 0],
  ];
  for (const [hash, id, n] of pages) {
    await open(page, hash);
    const expected = n > 100 && id !== 'table-inventory' ? '100 rows loaded' : countText(n);
    await expect(page.getByTestId(id).getByTestId('row-count')).toHaveText(expected);
    await saveScreenshot(page, `02-${id.replace('table-', '')}`);
  }
  expect(errors).toEqual([]);
});

test('sinking transactions filter by recipient and by finalized, as the API does', async ({ page }) => {
  const all = await call<{ rows: SinkRow[] }>(page, 'views.sinkingTxs', { limit: 1000 });
  const counts = new Map<string, number>();
  for (const r of all.rows) counts.set(r.recipient, (counts.get(r.recipient) ?? 0) + 1);
  const [recipient] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  const expected = (await call<{ rows: SinkRow[] }>(page, 'views.sinkingTxs', { recipient, limit: 1000 })).rows.length;

  await open(page, '#/sinks');
  await page.getByTestId('filter-recipient').fill(recipient);
  await page.getByTestId('filter-recipient').press('Enter');
  await expect(page).toHaveURL(new RegExp(`recipient=${recipient}`));
  await expect(page.getByTestId('table-sinks').getByTestId('row-count')).toHaveText(countText(expected));
  await page.getByTestId('filter-recipient').fill('');
  await page.getByTestId('filter-recipient').press('Enter');

  const notFinal = (await call<{ rows: SinkRow[] }>(page, 'views.sinkingTxs', { finalized: false, limit: 1000 })).rows.length;
  await page.getByTestId('filter-finalized').selectOption('no');
  await expect(page).toHaveURL(/finalized=no/);
  await expect(page.getByTestId('table-sinks').getByTestId('row-count')).toHaveText(countText(notFinal));
  await expect(page.locator('[data-testid="table-sinks"] .tr .badge').first()).not.toHaveText('finalized');
  await saveScreenshot(page, '03-sinks-not-finalized');

  await page.getByTestId('filter-finalized').selectOption('any');
  const memoSample = all.rows.find((r) => r.memo_value)?.memo_value ?? '';
  if (memoSample) {
    const needle = memoSample.slice(0, 4).toUpperCase();
    const byMemo = (await call<{ rows: SinkRow[] }>(page, 'views.sinkingTxs', { memo: needle, limit: 1000 })).rows.length;
    await page.getByTestId('filter-memo').fill(needle);
    await page.getByTestId('filter-memo').press('Enter');
    await expect(page.getByTestId('table-sinks').getByTestId('row-count')).toHaveText(countText(byMemo));
    await page.getByTestId('filter-memo').fill('');
    await page.getByTestId('filter-memo').press('Enter');
  }

  // A half-typed account never reaches the server: the field says what is wrong.
  await page.getByTestId('filter-funder').fill('GABC');
  await expect(page.getByText('An account id has 56 characters')).toBeVisible();
});

test('the inventory as of 2022-01-31 matches the server, totals included', async ({ page }) => {
  const inv = await call<{ rows: { size: number; credits_remaining: number }[] }>(page, 'views.inventory', { untilDate: '2022-01-31' });
  const now = await call<{ rows: unknown[] }>(page, 'views.inventory', {});
  await open(page, '#/inventory');
  await expect(page.getByTestId('table-inventory').getByTestId('row-count')).toHaveText(countText(now.rows.length));
  await page.getByTestId('filter-asof').fill('2022-01-31');
  await expect(page).toHaveURL(/untilDate=2022-01-31/);
  await expect(page.getByTestId('table-inventory').getByTestId('row-count')).toHaveText(countText(inv.rows.length));
  const remaining = inv.rows.reduce((n, r) => n + r.credits_remaining, 0);
  if (inv.rows.length > 0) {
    await expect(page.getByTestId('totals-row').locator('[data-col="credits_remaining"]')).toHaveText(remaining.toLocaleString('en-US'));
  }
  await saveScreenshot(page, '04-inventory-2022-01-31');
});

test('a sale links to its retirement, and the retirement to its block', async ({ page }) => {
  const finalized = await call<{ rows: SinkRow[] }>(page, 'views.sinkingTxs', { finalized: true, limit: 1 });
  const tx = finalized.rows[0]!;
  await open(page, `#/sinks?sel=${tx.hash}`);
  const detail = page.getByTestId('sink-detail');
  await expect(detail).toContainText(tx.hash);
  await expect(detail.getByRole('link', { name: /stellar\.expert/ })).toHaveAttribute('href', `https://stellar.expert/explorer/public/tx/${tx.hash}`);
  await expect(detail.getByRole('link', { name: /stellar\.expert/ })).toHaveAttribute('target', '_blank');
  // Issue 15: the serials backing the sale, each range with its block and retirement.
  await expect(detail.getByTestId('sink-serials').locator('li').first()).toHaveText(/^backed by serials \d+(–\d+)? \(block [0-9a-f]{8}…, retirement \d+\) · [\d,]+\.\d{3} t$/);
  await saveScreenshot(page, '05-sink-detail');

  await detail.getByTestId('link-retirement').first().click();
  await expect(page).toHaveURL(new RegExp(`#/retirements\\?sel=${tx.statuses[0]!.certificate_id}`));
  const ret = page.getByTestId('retirement-detail');
  await expect(ret.getByTestId('retirement-sinks')).toContainText(tx.hash.slice(0, 8));
  await saveScreenshot(page, '06-retirement-detail');

  const block = ret.getByTestId('link-block').first();
  const blockHash = (await block.getAttribute('title')) ?? '';
  await block.click();
  await expect(page).toHaveURL(new RegExp(`#/inventory\\?sel=${blockHash}`));
  await expect(page.getByTestId('block-detail')).toContainText(blockHash);
  // The block lists the retirements drawn from it, this one among them.
  const certificate = String(tx.statuses[0]!.certificate_id);
  await expect(page.getByTestId('block-retirements').getByRole('link', { name: certificate, exact: true })).toBeVisible();
  await saveScreenshot(page, '07-block-detail');

  // …and back: the browser's history walks the same path.
  await page.goBack();
  await expect(page.getByTestId('retirement-detail')).toBeVisible();
});

test('CSV export of a filtered view has the same rows as the CLI for the same filters', async ({ page }) => {
  const all = await call<{ rows: SinkRow[] }>(page, 'views.sinkingTxs', { limit: 1000 });
  const recipient = all.rows[0]!.recipient;
  await open(page, `#/sinks?recipient=${recipient}&finalized=yes`);
  await expect(page.getByTestId('table-sinks').getByTestId('row-count')).not.toHaveText('0 rows');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const file = await download.path();
  const csv = fs.readFileSync(file, 'utf8');

  const { cmd, args } = cliArgs(['--db', serve.dbPath, 'view', 'sink', '-f', 'csv', '--recipient', recipient, '--finalized', 'true']);
  const cli = spawnSync(cmd, args, { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, ...world.env } });
  expect(cli.status, cli.stderr).toBe(0);
  const lines = (s: string) => s.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l !== '');
  expect(lines(csv)).toEqual(lines(cli.stdout));
  expect(lines(csv).length).toBeGreaterThan(1);
});

test('the audit log shows the catch-up and the export, with parameters and results', async ({ page }) => {
  await open(page, '#/audit');
  const kinds = page.getByTestId('table-operations').getByTestId('op-kind');
  await expect(kinds.filter({ hasText: 'catch-up' }).first()).toBeVisible();
  await expect(kinds.filter({ hasText: /export/ }).first()).toBeVisible();
  await kinds.filter({ hasText: 'catch-up' }).first().click();
  await expect(page.getByTestId('operation-result')).toContainText('sinking-txs');
  await saveScreenshot(page, '08-audit-operations');

  await page.getByTestId('tab-changes').click();
  await page.locator('[data-testid="table-changes"] .tr').first().click();
  await expect(page.getByTestId('change-diff').first()).toBeVisible();
  await expect(page.getByTestId('record-history')).toBeVisible();
  await saveScreenshot(page, '09-audit-changes');

  await page.getByTestId('tab-verify').click();
  await page.getByTestId('verify-run').click();
  await expect(page.getByTestId('verify-report')).toBeVisible({ timeout: 60_000 });
  await saveScreenshot(page, '10-audit-verify');

  // The README's screenshot: the Overview after a catch-up and a verify.
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page, '#/overview');
  await expect(page.getByTestId('card-verify')).not.toContainText('not run');
  await expect(page.getByTestId('card-sunk')).not.toContainText('—');
  await expect(page.getByTestId('card-minted')).not.toContainText('—');
  fs.mkdirSync(path.join(REPO_ROOT, 'docs'), { recursive: true });
  await page.screenshot({ path: path.join(REPO_ROOT, 'docs', 'screenshot.png') });
});

test('a permalink restores the view after a reload', async ({ page }) => {
  // The recipient with the most sales, so the keyboard has rows to walk.
  const all = (await call<{ rows: SinkRow[] }>(page, 'views.sinkingTxs', { limit: 1000, order: 'asc' })).rows;
  const n = (r: string) => all.filter((x) => x.recipient === r).length;
  const tx = [...all].sort((a, b) => n(b.recipient) - n(a.recipient))[0]!;
  expect(n(tx.recipient)).toBeGreaterThan(1);
  await open(page, `#/sinks?recipient=${tx.recipient}&order=asc&sel=${tx.hash}`);
  await expect(page.getByTestId('sink-detail')).toContainText(tx.hash);
  await page.reload();
  await expect(page.getByTestId('filter-recipient')).toHaveValue(tx.recipient);
  await expect(page.getByTestId('sink-detail')).toContainText(tx.hash);
  await expect(page.locator(`[data-testid="table-sinks"] .tr[data-key="${tx.hash}"]`)).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('[data-testid="table-sinks"] [aria-sort]')).toHaveAttribute('aria-sort', 'ascending');
  // Keyboard: ↓ moves the selection, and the URL follows.
  await page.locator('[data-testid="table-sinks"] [role="grid"]').focus();
  await page.keyboard.press('Home');
  await expect(page).toHaveURL(new RegExp(`sel=${tx.hash}`));
  const rows = page.locator('[data-testid="table-sinks"] .tr');
  const second = (await rows.count()) > 1 ? await rows.nth(1).getAttribute('data-key') : null;
  if (second) {
    await page.keyboard.press('ArrowDown');
    await expect(page).toHaveURL(new RegExp(`sel=${second}`));
    await expect(page.getByTestId('sink-detail')).toContainText(second);
  }
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('sink-detail')).toBeHidden();
});

test('charts render with data', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1500 });
  await open(page, '#/charts');
  for (const id of ['chart-sunk-month', 'chart-cumulative', 'chart-yoy', 'chart-inventory', 'chart-ops', 'chart-durations']) {
    await expect(page.getByTestId(id).locator('svg.recharts-surface').first()).toBeVisible();
  }
  await expect(page.getByTestId('chart-sunk-month').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByTestId('table-yoy').locator('tbody tr').first()).toBeVisible();
  await saveScreenshot(page, '11-charts');
});

test('settings render with their origin, and the dark theme follows the OS', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await open(page, '#/settings');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.getByTestId('settings-db-path')).toHaveText(serve.dbPath);
  await expect(page.getByTestId('settings-form')).toContainText('Set by SC_HORIZON_URL in the environment');
  // The fake world has no Horizon root document: the test says so instead of failing silently.
  await page.getByTestId('test-horizon').click();
  await expect(page.getByTestId('test-horizon-result')).toContainText(/SOURCE_ERROR|latest ledger/);
  await saveScreenshot(page, '12-settings');
  // Backups: in a browser the paths are typed (the desktop app adds a "Choose…" dialog button).
  await page.getByTestId('backup-section').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('apply-path')).toBeEditable();
  await expect(page.getByTestId('dump-dir')).toBeEditable();
  await expect(page.getByTestId('dump-dir-choose')).toHaveCount(0);
  await saveScreenshot(page, '12-settings-backup');

  await page.emulateMedia({ colorScheme: 'dark' });
  await open(page, '#/overview');
  await expect(page.getByTestId('card-sunk')).toBeVisible();
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe('rgb(17, 21, 19)');
  await saveScreenshot(page, '13-overview-dark');
  await open(page, '#/sinks');
  await expect(page.getByTestId('table-sinks').getByTestId('row-count')).toBeVisible();
  await saveScreenshot(page, '14-sinks-dark');
});
