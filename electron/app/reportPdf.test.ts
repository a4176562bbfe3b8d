import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { WrittenFiles } from '../../shared/api/audit.js';
import { dispatch } from '../core/api/dispatch.js';
import { createHandlers } from '../core/api/handlers.js';
import { seededEngine } from '../testkit/auditTestDb.js';
import { PRINT_WINDOW_OPTIONS, appReportHandler, electronPdfRenderer } from './reportPdf.js';

/** A stand-in for Electron's BrowserWindow: records what the renderer asks of it. */
function fakeWindows(fail?: string) {
  const made: { opts: BrowserWindowConstructorOptions; loaded: string | null; html: string | null; printed: Record<string, unknown> | null; destroyed: boolean }[] = [];
  const create = (opts: BrowserWindowConstructorOptions) => {
    const w = { opts, loaded: null as string | null, html: null as string | null, printed: null as Record<string, unknown> | null, destroyed: false };
    made.push(w);
    return {
      loadFile: (file: string) => {
        w.loaded = file;
        w.html = fs.readFileSync(file, 'utf8');
        return Promise.resolve();
      },
      destroy: () => {
        w.destroyed = true;
      },
      webContents: {
        printToPDF: (options: Record<string, unknown>) => {
          w.printed = options;
          return fail ? Promise.reject(new Error(fail)) : Promise.resolve(Buffer.from('%PDF-1.7 printed by electron'));
        },
      },
    };
  };
  return { made, create: create as never };
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sc-electron-pdf-'));

describe("the desktop app's PDF printer", () => {
  it('prints the HTML in a hidden, script-less, sandboxed window with the header, footer and margins', async () => {
    const w = fakeWindows();
    const out = path.join(tmp(), 'r.pdf');
    await electronPdfRenderer(w.create)({ html: '<!doctype html><p>report</p>', header: '<div>head</div>', footer: '<div>foot</div>', outFile: out });
    const win = w.made[0]!;
    expect(win.opts).toBe(PRINT_WINDOW_OPTIONS);
    expect(win.opts.show).toBe(false);
    expect(win.opts.webPreferences).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(win.opts.webPreferences!.preload).toBeUndefined();
    expect(win.html).toBe('<!doctype html><p>report</p>');
    expect(win.printed).toMatchObject({ pageSize: 'A4', printBackground: true, displayHeaderFooter: true, headerTemplate: '<div>head</div>', footerTemplate: '<div>foot</div>' });
    expect((win.printed!.margins as { top: number }).top).toBeCloseTo(20 / 25.4);
    expect(fs.readFileSync(out, 'utf8')).toBe('%PDF-1.7 printed by electron');
    // The window and the temporary page are gone.
    expect(win.destroyed).toBe(true);
    expect(fs.existsSync(win.loaded!)).toBe(false);
  });

  it('closes the window when printing fails', async () => {
    const w = fakeWindows('GPU process gone');
    await expect(electronPdfRenderer(w.create)({ html: 'x', header: '', footer: '', outFile: path.join(tmp(), 'r.pdf') })).rejects.toThrow('GPU process gone');
    expect(w.made[0]!.destroyed).toBe(true);
    expect(fs.existsSync(path.dirname(w.made[0]!.loaded!))).toBe(false);
  });

  it("replaces the core's audit.report handler, so the report's PDF comes from Electron", async () => {
    const engine = seededEngine();
    const w = fakeWindows();
    const handlers = { ...createHandlers(engine), ...appReportHandler(engine, w.create) };
    const day = new Date().toISOString().slice(0, 10);
    const res = await dispatch(handlers, 'audit.report', { from: day, to: day, outDir: tmp(), pdf: true }, { via: 'test' });
    if (!res.ok) throw new Error(res.error.message);
    const written = res.value as WrittenFiles;
    const pdf = written.files.find((f) => f.path.endsWith('.pdf'))!;
    expect(fs.readFileSync(pdf.path, 'utf8')).toBe('%PDF-1.7 printed by electron');
    expect(w.made[0]!.html).toContain(written.head!.hash);
  });
});
