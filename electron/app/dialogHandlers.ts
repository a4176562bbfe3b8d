import type { BrowserWindow, Dialog, FileFilter, OpenDialogOptions, SaveDialogOptions } from 'electron';
import path from 'node:path';
import type { RecentKind } from '../../shared/api/recent.js';
import type { Handler } from '../core/api/handlerTypes.js';
import type { RecentFiles } from './recentFiles.js';

const FILTERS: Record<'csv' | 'json' | 'sqlite', FileFilter[]> = {
  csv: [{ name: 'CSV', extensions: ['csv'] }],
  json: [{ name: 'JSON', extensions: ['json'] }],
  sqlite: [{ name: 'SQLite database', extensions: ['sqlite3', 'sqlite', 'db'] }],
};

/** Where chosen paths are remembered: the recent-paths store, and the OS's recent documents for files. */
export interface RememberChoices {
  store: RecentFiles;
  /** app.addRecentDocument (macOS, Windows); only called for files, never folders. */
  addRecentDocument?: (file: string) => void;
}

/**
 * The desktop app's 'dialog.saveFile' and 'dialog.openPath': native dialogs (the save dialog also asks before
 * replacing a file). They replace the core's NOT_FOUND handlers in main.ts, so there is still exactly one handler
 * per method. The page never chooses a path by itself: it only receives what the user picked in the dialog.
 * With `recent`, the chosen path is remembered and the next dialog of that kind opens beside the last one.
 */
export function dialogHandlers(
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>,
  window: () => BrowserWindow | null,
  documentsDir: string,
  remember?: RememberChoices,
): { 'dialog.saveFile': Handler<'dialog.saveFile'>; 'dialog.openPath': Handler<'dialog.openPath'> } {
  /** The folder of the last path of this kind still there, else the documents folder. */
  const startIn = (kind: RecentKind | undefined): string => {
    const last = kind && remember?.store.list(kind).find((e) => e.exists);
    return last ? path.dirname(last.path) : documentsDir;
  };
  const chosen = (kind: RecentKind | undefined, picked: string | null, isFile: boolean): { path: string | null } => {
    if (picked && kind && remember) {
      remember.store.add(kind, picked);
      if (isFile) remember.addRecentDocument?.(picked);
    }
    return { path: picked };
  };
  return {
    'dialog.openPath': async (p) => {
      const options: OpenDialogOptions = {
        title: p.title ?? (p.kind === 'folder' ? 'Choose a dump folder' : 'Choose a backup'),
        defaultPath: startIn(p.recent),
        filters: p.kind === 'sqlite' ? FILTERS.sqlite : [],
        properties: p.kind === 'folder' ? ['openDirectory'] : ['openFile'],
      };
      const win = window();
      const res = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return chosen(p.recent, res.canceled ? null : (res.filePaths[0] ?? null), p.kind !== 'folder');
    },
    'dialog.saveFile': async (p) => {
      const options: SaveDialogOptions = {
        title: p.title ?? 'Save as',
        defaultPath: path.join(startIn(p.recent), path.basename(p.defaultName ?? '')),
        filters: p.format ? FILTERS[p.format] : [],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const win = window();
      const res = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return chosen(p.recent, res.canceled || !res.filePath ? null : res.filePath, true);
    },
  };
}
