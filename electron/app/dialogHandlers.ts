import type { BrowserWindow, Dialog, FileFilter, SaveDialogOptions } from 'electron';
import path from 'node:path';
import type { Handler } from '../core/api/handlerTypes.js';

const FILTERS: Record<'csv' | 'json' | 'sqlite', FileFilter[]> = {
  csv: [{ name: 'CSV', extensions: ['csv'] }],
  json: [{ name: 'JSON', extensions: ['json'] }],
  sqlite: [{ name: 'SQLite database', extensions: ['sqlite3', 'sqlite', 'db'] }],
};

/**
 * The desktop app's 'dialog.saveFile': a native save dialog (which also asks before replacing a file).
 * It replaces the core's NOT_FOUND handler in main.ts, so there is still exactly one handler per method.
 * The page never chooses a path by itself: it only receives what the user picked in the dialog.
 */
export function dialogHandlers(
  dialog: Pick<Dialog, 'showSaveDialog'>,
  window: () => BrowserWindow | null,
  documentsDir: string,
): { 'dialog.saveFile': Handler<'dialog.saveFile'> } {
  return {
    'dialog.saveFile': async (p) => {
      const options: SaveDialogOptions = {
        title: p.title ?? 'Save as',
        defaultPath: path.join(documentsDir, path.basename(p.defaultName ?? '')),
        filters: p.format ? FILTERS[p.format] : [],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const win = window();
      const res = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return { path: res.canceled || !res.filePath ? null : res.filePath };
    },
  };
}
