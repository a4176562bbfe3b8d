import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Handler } from '../core/api/handlerTypes.js';
import { reportHandler } from '../core/api/reportHandler.js';
import { PDF_MARGINS_MM, type PdfRenderer } from '../core/audit/auditReport/pdf.js';
import type { Engine } from '../core/engine.js';
import { ISOLATED_WEB_PREFERENCES } from './windowOptions.js';

type PrintWindow = Pick<BrowserWindow, 'loadFile' | 'destroy'> & { webContents: Pick<BrowserWindow['webContents'], 'printToPDF'> };

/** The hidden window that prints a report: no preload, no script, the page's own CSP (inline style by hash only). */
export const PRINT_WINDOW_OPTIONS: BrowserWindowConstructorOptions = {
  show: false,
  width: 794,
  height: 1123,
  webPreferences: { ...ISOLATED_WEB_PREFERENCES, javascript: false },
};

const inches = (mm: number): number => mm / 25.4;

/**
 * The desktop app's PDF printer: Electron's own Chromium (webContents.printToPDF) in a hidden window that loads the
 * report's HTML from a temporary file, with the same A4 page, margins and header/footer as the CLI's Playwright print.
 */
export function electronPdfRenderer(createWindow: (opts: BrowserWindowConstructorOptions) => PrintWindow): PdfRenderer {
  return async (job) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-audit-report-'));
    const file = path.join(dir, 'report.html');
    const win = createWindow(PRINT_WINDOW_OPTIONS);
    try {
      fs.writeFileSync(file, job.html);
      await win.loadFile(file);
      const pdf = await win.webContents.printToPDF({
        pageSize: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: job.header,
        footerTemplate: job.footer,
        margins: { top: inches(PDF_MARGINS_MM.top), bottom: inches(PDF_MARGINS_MM.bottom), left: inches(PDF_MARGINS_MM.left), right: inches(PDF_MARGINS_MM.right) },
      });
      fs.writeFileSync(job.outFile, pdf);
    } finally {
      win.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** 'audit.report' in the desktop app: it replaces the core's (Playwright) handler in main.ts, one handler per method. */
export function appReportHandler(engine: Engine, createWindow: (opts: BrowserWindowConstructorOptions) => PrintWindow): { 'audit.report': Handler<'audit.report'> } {
  return { 'audit.report': reportHandler(engine, electronPdfRenderer(createWindow)) };
}
