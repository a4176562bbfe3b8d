import type { BrowserWindow, Dialog, FileFilter, OpenDialogOptions, SaveDialogOptions } from 'electron';
import path from 'node:path';
import type { Handler } from '../core/api/handlerTypes.js';

const FILTERS: Record<'csv' | 'json' | 'sqlite', FileFilter[]> = {
  csv: [{ name: 'CSV', extensions: ['csv'] }],
  json: [{ name: 'JSON', extensions: ['json'] }],
  sqlite: [{ name: 'SQLite database', extensions: ['sqlite3', 'sqlite', 'db'] }],
};

/**
 * The desktop app's 'dialog.saveFile' and 'dialog.openPath': native dialogs (the save dialog also asks before
 * replacing a file). They replace the core's NOT_FOUND handlers in main.ts, so there is still exactly one handler
 * per method. The page never chooses a path by itself: it only receives what the user picked in the dialog.
 */
export function dialogHandlers(
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>,
  window: () => BrowserWindow | null,
  documentsDir: string,
): { 'dialog.saveFile': Handler<'dialog.saveFile'>; 'dialog.openPath': Handler<'dialog.openPath'> } {
  return {
    'dialog.openPath': async (p) => {
      const options: OpenDialogOptions = {
        title: p.title ?? (p.kind === 'folder' ? 'Choose a dump folder' : 'Choose a backup'),
        defaultPath: documentsDir,
        filters: p.kind === 'sqlite' ? FILTERS.sqlite : [],
        properties: p.kind === 'folder' ? ['openDirectory'] : ['openFile'],
      };
      const win = window();
      const res = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return { path: res.canceled ? null : (res.filePaths[0] ?? null) };
    },
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
