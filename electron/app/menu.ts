import type { MenuItemConstructorOptions } from 'electron';
import type { RecentEntry } from '../../shared/api/recent.js';
import { APP_PAGES, type AppCommand, pageCommandId } from '../../shared/appCommands.js';
import type { HelpDoc } from './projectLinks.js';
import { type RecentMenuActions, recentSubmenu } from './recentMenu.js';

/** What the menu's items do; main.ts wires them (menuActions.ts), tests pass stubs. */
export interface MenuActions extends RecentMenuActions {
  /** Sends an 'app.command' to the window: the page runs the palette's action of that id. */
  send(cmd: AppCommand): void;
  /** Opens the OS dialog first, then sends the command with the chosen path (nothing when cancelled). */
  chooseThenSend(id: 'action:import-dump' | 'action:apply-backup'): void;
  openHelp(doc: HelpDoc): void;
  about(): void;
}

export interface MenuContext {
  platform: NodeJS.Platform;
  appName: string;
  /** Developer tools and force-reload only in an unpackaged build. */
  packaged: boolean;
  recent: readonly RecentEntry[];
}

/**
 * The pages' accelerators: a g+key chord cannot be a menu accelerator, and single letters would be taken from the
 * text fields, so the pages are Ctrl/⌘ 1…9 in navigation order (as tabs are), and Settings is Ctrl/⌘ , (g ,).
 */
export function pageAccelerator(index: number, id: string): string | undefined {
  if (id === 'settings') return 'CmdOrCtrl+,';
  return index < 9 ? `CmdOrCtrl+${index + 1}` : undefined;
}

export function menuTemplate(ctx: MenuContext, act: MenuActions): MenuItemConstructorOptions[] {
  const mac = ctx.platform === 'darwin';
  const sep: MenuItemConstructorOptions = { type: 'separator' };
  const send = (cmd: AppCommand) => () => act.send(cmd);
  // Alt+letter mnemonics on Windows and Linux; macOS has none.
  const top = (label: string) => (mac ? label : `&${label}`);
  const about: MenuItemConstructorOptions = { label: `About ${ctx.appName}`, click: () => act.about() };

  const appMenu: MenuItemConstructorOptions = {
    label: ctx.appName,
    submenu: [about, sep, { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: send({ id: 'page:settings' }) }, sep, { role: 'services' }, sep, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, sep, { role: 'quit' }],
  };
  const file: MenuItemConstructorOptions = {
    label: top('File'),
    submenu: [
      { label: 'Start from Published Data', click: send({ id: 'action:bootstrap' }) },
      sep,
      { label: 'Import Dump Folder…', accelerator: 'CmdOrCtrl+Shift+O', click: () => act.chooseThenSend('action:import-dump') },
      { label: 'Apply Backup…', accelerator: 'CmdOrCtrl+O', click: () => act.chooseThenSend('action:apply-backup') },
      { label: 'Open Recent', submenu: recentSubmenu(ctx.recent, act) },
      { label: 'Create Backup…', accelerator: 'CmdOrCtrl+Shift+S', click: send({ id: 'action:create-backup' }) },
      sep,
      { label: 'Export Current View as CSV…', accelerator: 'CmdOrCtrl+E', click: send({ id: 'action:export-csv' }) },
      { label: 'Export Current View as JSON…', accelerator: 'CmdOrCtrl+Shift+E', click: send({ id: 'action:export-json' }) },
      sep,
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const pages: MenuItemConstructorOptions[] = APP_PAGES.map((p, i) => ({
    label: p.label,
    // On macOS, ⌘ , belongs to the app menu's Settings….
    accelerator: mac && p.id === 'settings' ? undefined : pageAccelerator(i, p.id),
    click: send({ id: pageCommandId(p.id) }),
  }));
  const dev: MenuItemConstructorOptions[] = ctx.packaged ? [] : [{ role: 'forceReload' }, { role: 'toggleDevTools' }];
  const view: MenuItemConstructorOptions = {
    label: top('View'),
    submenu: [...pages, sep, { role: 'reload' }, ...dev, sep, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, sep, { role: 'togglefullscreen' }],
  };
  const go: MenuItemConstructorOptions = {
    label: top('Go'),
    submenu: [
      { label: 'Back', accelerator: mac ? 'Cmd+[' : 'Alt+Left', click: send({ id: 'shell:back' }) },
      { label: 'Forward', accelerator: mac ? 'Cmd+]' : 'Alt+Right', click: send({ id: 'shell:forward' }) },
      sep,
      // The page itself handles Ctrl/⌘ K (in serve too): shown here, not registered, so the key is not taken twice.
      { label: 'Command Palette…', accelerator: 'CmdOrCtrl+K', registerAccelerator: false, click: send({ id: 'shell:palette' }) },
      { label: 'Catch Up', click: send({ id: 'action:catch-up' }) },
      { label: 'Run Verify', click: send({ id: 'action:verify' }) },
      { label: "Write the Auditor's Report…", click: send({ id: 'action:report' }) },
      sep,
      { label: 'Turn Live Mode On or Off', click: send({ id: 'action:live' }) },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: 'README', click: () => act.openHelp('readme') },
      { label: 'Security', click: () => act.openHelp('security') },
      { label: 'Keyboard Shortcuts', click: send({ id: 'shell:shortcuts' }) },
      ...(mac ? [] : [sep, about]),
    ],
  };
  return [...(mac ? [appMenu] : []), file, { role: 'editMenu' }, view, go, { role: 'windowMenu' }, help];
}
