import AxeBuilder from '@axe-core/playwright';
import { type Page, expect, test } from '@playwright/test';
import { hasShared } from '../../electron/testkit/sharedDir';
import { apiCall } from '../support/apiCall';
import { useFakeWorldServe } from '../support/fakeWorldServe';

/**
 * Accessibility (issue 16): axe-core's WCAG 2.0/2.1/2.2 A and AA rules over every page, its tabs and a row's
 * detail, in the light and the dark theme, on a database a catch-up filled. Any violation fails with its rule,
 * impact and the elements it names.
 */
test.skip(!hasShared, 'The published sc-data fixtures are not in the workplace shared folder.');
test.describe.configure({ mode: 'serial' });

const running = useFakeWorldServe();
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

interface Found {
  where: string;
  rule: string;
  impact: string | null | undefined;
  nodes: string[];
}

async function violationsOn(page: Page, where: string): Promise<Found[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return result.violations.map((v) => ({ where, rule: `${v.id}: ${v.help}`, impact: v.impact, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

/** Opens a hash route and waits for the page's heading and for its data (no "Loading…" left). */
async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`${running.serve().url}${hash}`);
  await expect(page.locator('main h1').first()).toBeVisible();
  await expect(page.getByText('Loading…')).toHaveCount(0);
}

let routes: string[] = [];

test('a catch-up fills the database the pages are checked on', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`${running.serve().url}#/overview`);
  await apiCall(running.serve(), page, 'sync.catchUp', { fresh: true });
  const sale = (await apiCall<{ rows: { hash: string }[] }>(running.serve(), page, 'views.sinkingTxs', { limit: 1 })).rows[0]?.hash;
  const cert = (await apiCall<{ rows: { certificate_id: number }[] }>(running.serve(), page, 'views.retirements', { limit: 1 })).rows[0]?.certificate_id;
  const block = (await apiCall<{ rows: { serial_hash: string }[] }>(running.serve(), page, 'views.inventory', {})).rows[0]?.serial_hash;
  expect(sale && cert && block).toBeTruthy();
  routes = [
    '#/overview',
    '#/inventory',
    `#/inventory?sel=${block}`,
    '#/sinks',
    `#/sinks?sel=${sale}`,
    '#/retirements',
    `#/retirements?sel=${cert}`,
    '#/distribution',
    '#/drift',
    '#/audit?tab=operations',
    '#/audit?tab=changes',
    '#/audit?tab=verify',
    '#/audit?tab=provenance',
    '#/report',
    '#/charts',
    '#/settings',
  ];
});

for (const scheme of ['light', 'dark'] as const) {
  test(`every page has no WCAG A/AA violation in the ${scheme} theme`, async ({ page }) => {
    test.setTimeout(240_000);
    expect(routes.length).toBeGreaterThan(0);
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1400, height: 900 });
    const found: Found[] = [];
    for (const route of routes) {
      await open(page, route);
      found.push(...(await violationsOn(page, `${scheme} ${route}`)));
    }
    expect(found, JSON.stringify(found, null, 2)).toEqual([]);
  });
}
