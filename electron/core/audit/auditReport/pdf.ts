import fs from 'node:fs';
import { AppError } from '../../../../shared/errors.js';

/**
 * Printing the report's HTML to PDF with Chromium. The desktop app prints with Electron's webContents.printToPDF
 * (electron/app/reportPdf.ts); the CLI and `serve` with Playwright's Chromium (below). Both use these margins and
 * the same header/footer templates, so the two PDFs look alike.
 */
export interface PdfJob {
  html: string;
  /** Chromium print templates (the header names the period and the audit head; the footer numbers the pages). */
  header: string;
  footer: string;
  outFile: string;
}

export type PdfRenderer = (job: PdfJob) => Promise<void>;

/** Page margins (mm): room for the running header and footer. */
export const PDF_MARGINS_MM = { top: 20, bottom: 16, left: 14, right: 14 } as const;

/** Where the well-known Chromium builds install (Debian/Ubuntu packages); CHROMIUM_PATH overrides. */
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const MISSING_CHROMIUM =
  'The PDF needs Chromium: install it (e.g. `apt install chromium`) or set CHROMIUM_PATH to a Chromium or Chrome executable';

/** The Chromium to print with, or null when none is installed. */
export function chromiumExecutable(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = fs.existsSync): string | null {
  if (env.CHROMIUM_PATH) {
    if (!exists(env.CHROMIUM_PATH)) throw new AppError('NOT_FOUND', `CHROMIUM_PATH names ${env.CHROMIUM_PATH}, which does not exist. ${MISSING_CHROMIUM}.`);
    return env.CHROMIUM_PATH;
  }
  return CHROMIUM_CANDIDATES.find((p) => exists(p)) ?? null;
}

interface PlaywrightChromium {
  executablePath(): string;
  launch(opts: { executablePath: string }): Promise<{
    newPage(): Promise<{
      setContent(html: string, opts: { waitUntil: 'load' }): Promise<void>;
      emulateMedia(opts: { media: 'print' }): Promise<void>;
      pdf(opts: Record<string, unknown>): Promise<Buffer>;
    }>;
    close(): Promise<void>;
  }>;
}

async function loadPlaywright(): Promise<PlaywrightChromium> {
  try {
    // playwright-core (a dependency: in a production install too) drives the browser; it downloads none.
    const { chromium } = (await import('playwright-core')) as unknown as { chromium: PlaywrightChromium };
    return chromium;
  } catch (err) {
    throw new AppError('NOT_FOUND', `The PDF needs Playwright to drive Chromium (npm install playwright-core): ${(err as Error).message}`);
  }
}

function ownBrowser(chromium: PlaywrightChromium): string | null {
  try {
    const p = chromium.executablePath();
    return fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

/** The CLI's and serve's renderer: a headless Chromium through Playwright, one browser per report. */
export const playwrightPdfRenderer: PdfRenderer = async (job) => {
  const installed = chromiumExecutable();
  const chromium = await loadPlaywright();
  // Else Playwright's own browser, when one was downloaded (`npx playwright install chromium`), as the e2e does.
  const executablePath = installed ?? ownBrowser(chromium);
  if (!executablePath) throw new AppError('NOT_FOUND', `${MISSING_CHROMIUM}.`);
  const browser = await chromium.launch({ executablePath });
  try {
    const page = await browser.newPage();
    await page.setContent(job.html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const mm = (n: number) => `${n}mm`;
    await page.pdf({
      path: job.outFile,
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: job.header,
      footerTemplate: job.footer,
      margin: { top: mm(PDF_MARGINS_MM.top), bottom: mm(PDF_MARGINS_MM.bottom), left: mm(PDF_MARGINS_MM.left), right: mm(PDF_MARGINS_MM.right) },
    });
  } finally {
    await browser.close();
  }
};
