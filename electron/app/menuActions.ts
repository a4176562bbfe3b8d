import type { BrowserWindow, Dialog, MessageBoxOptions, Shell } from 'electron';
import type { AppInfo } from '../../shared/api/app.js';
import type { AppCommand } from '../../shared/appCommands.js';
import type { Handler } from '../core/api/handlerTypes.js';
import { sendEvent } from './ipc.js';
import type { MenuActions } from './menu.js';
import { helpUrl, isProjectUrl } from './projectLinks.js';
import type { RecentFiles } from './recentFiles.js';

export interface MenuDeps {
  appName: string;
  window: () => Pick<BrowserWindow, 'webContents'> | null;
  dialog: Pick<Dialog, 'showMessageBox'>;
  shell: Pick<Shell, 'openExternal' | 'showItemInFolder'>;
  recent: RecentFiles;
  /** The app's 'dialog.openPath' handler: a path chosen from the menu is remembered as one chosen on the page. */
  openPath: Handler<'dialog.openPath'>;
  info: () => AppInfo | Promise<AppInfo>;
  /** app.clearRecentDocuments (macOS, Windows). */
  clearRecentDocuments?: () => void;
  /** Where a failure of a menu action is told (never thrown into Electron's menu callback). */
  report?: (message: string) => void;
}

const CHOOSE = {
  'action:import-dump': { kind: 'folder', recent: 'dump', title: 'Import a dump folder' },
  'action:apply-backup': { kind: 'sqlite', recent: 'backup', title: 'Apply a backup' },
} as const;

/** The menu's items as the main process runs them: events to the window, OS dialogs, the browser, the about box. */
export function menuActions(deps: MenuDeps): MenuActions & { openFile(file: string): void } {
  const report = deps.report ?? ((m: string) => console.error(m));
  const guard = (what: string, p: Promise<unknown>) => void p.catch((err: unknown) => report(`${what}: ${(err as Error).message}`));
  const send = (cmd: AppCommand) => {
    const win = deps.window();
    if (win) sendEvent(win.webContents, 'app.command', cmd);
  };
  const showInFolder = (file: string) => deps.shell.showItemInFolder(file);
  return {
    send,
    showInFolder,
    chooseThenSend(id) {
      guard(
        CHOOSE[id].title,
        (async () => {
          const { path } = await deps.openPath(CHOOSE[id], { via: 'ipc' });
          if (path) send({ id, path });
        })(),
      );
    },
    clearRecent() {
      deps.recent.clear();
      deps.clearRecentDocuments?.();
    },
    openHelp(doc) {
      const url = helpUrl(doc);
      if (isProjectUrl(url)) guard('Help', deps.shell.openExternal(url));
      else report(`Help: refused to open ${url} (not an https page of the project's repository)`);
    },
    about() {
      guard(
        'About',
        (async () => {
          const info = await deps.info();
          const options: MessageBoxOptions = {
            type: 'info',
            title: `About ${deps.appName}`,
            message: `${deps.appName} ${info.appVersion}`,
            detail: `Database schema version ${info.schemaVersion}\nDatabase file ${info.dbPath}`,
            buttons: ['OK'],
          };
          const win = deps.window() as BrowserWindow | null;
          await (win ? deps.dialog.showMessageBox(win, options) : deps.dialog.showMessageBox(options));
        })(),
      );
    },
    /** macOS: a recent document picked in the Dock or the OS's list; a backup is applied (checked first), others shown. */
    openFile(file) {
      const entry = deps.recent.list().find((e) => e.path === file);
      if (entry?.kind === 'backup') send({ id: 'action:apply-backup', path: file });
      else showInFolder(file);
    },
  };
}
