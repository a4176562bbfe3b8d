import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { RecentEntry } from '../../shared/api/recent.js';
import { APP_COMMAND_IDS, APP_PAGES } from '../../shared/appCommands.js';
import { type MenuActions, menuTemplate } from './menu.js';

function stubActions() {
  return { send: vi.fn(), chooseThenSend: vi.fn(), showInFolder: vi.fn(), clearRecent: vi.fn(), openHelp: vi.fn(), about: vi.fn() } satisfies MenuActions;
}

const ctx = (platform: NodeJS.Platform, recent: RecentEntry[] = [], packaged = true) => ({ platform, appName: 'Audit Explorer', packaged, recent });

function submenu(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const top = items.find((i) => i.label?.replace('&', '') === label || i.role === label);
  if (!top || !Array.isArray(top.submenu)) throw new Error(`no menu ${label}`);
  return top.submenu;
}
function item(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const found = items.find((i) => i.label === label);
  if (!found) throw new Error(`no item ${label} in ${items.map((i) => i.label ?? i.role ?? i.type).join(', ')}`);
  return found;
}
const click = (i: MenuItemConstructorOptions) => (i.click as () => void)();

describe('the app menu', () => {
  it('has File, Edit, View, Go, Window and Help, and on macOS the app menu first', () => {
    const names = (t: MenuItemConstructorOptions[]) => t.map((i) => i.label ?? i.role);
    expect(names(menuTemplate(ctx('linux'), stubActions()))).toEqual(['&File', 'editMenu', '&View', '&Go', 'windowMenu', 'help']);
    expect(names(menuTemplate(ctx('win32'), stubActions()))).toEqual(['&File', 'editMenu', '&View', '&Go', 'windowMenu', 'help']);
    expect(names(menuTemplate(ctx('darwin'), stubActions()))).toEqual(['Audit Explorer', 'File', 'editMenu', 'View', 'Go', 'windowMenu', 'help']);
  });

  it("File's items send the palette's commands, or open the OS dialog first for an import or an apply", () => {
    const act = stubActions();
    const file = submenu(menuTemplate(ctx('linux'), act), 'File');
    click(item(file, 'Start from Published Data'));
    click(item(file, 'Create Backup…'));
    click(item(file, 'Export Current View as CSV…'));
    click(item(file, 'Export Current View as JSON…'));
    expect(act.send.mock.calls.map((c) => c[0])).toEqual([{ id: 'action:bootstrap' }, { id: 'action:create-backup' }, { id: 'action:export-csv' }, { id: 'action:export-json' }]);
    click(item(file, 'Import Dump Folder…'));
    click(item(file, 'Apply Backup…'));
    expect(act.chooseThenSend.mock.calls).toEqual([['action:import-dump'], ['action:apply-backup']]);
    expect(item(file, 'Export Current View as CSV…').accelerator).toBe('CmdOrCtrl+E');
    expect(item(file, 'Apply Backup…').accelerator).toBe('CmdOrCtrl+O');
    expect(file.at(-1)).toEqual({ role: 'quit' });
    expect(submenu(menuTemplate(ctx('darwin'), act), 'File').at(-1)).toEqual({ role: 'close' });
  });

  it('every command a menu item sends is one of the typed command ids', () => {
    const act = stubActions();
    const walk = (items: MenuItemConstructorOptions[]): void => {
      for (const i of items) {
        if (i.click) click(i);
        if (Array.isArray(i.submenu)) walk(i.submenu);
      }
    };
    walk(menuTemplate(ctx('darwin'), act));
    walk(menuTemplate(ctx('linux'), act));
    const sent = act.send.mock.calls.map((c) => (c[0] as { id: string }).id);
    expect(sent.length).toBeGreaterThan(20);
    for (const id of sent) expect(APP_COMMAND_IDS).toContain(id);
  });

  it('View lists every page with Ctrl/⌘ 1…9 and Settings on Ctrl/⌘ , (the app menu has it on macOS), then reload, zoom and full screen', () => {
    const act = stubActions();
    const view = submenu(menuTemplate(ctx('linux'), act), 'View');
    expect(view.slice(0, APP_PAGES.length).map((i) => [i.label, i.accelerator])).toEqual([
      ['Overview', 'CmdOrCtrl+1'],
      ['Inventory', 'CmdOrCtrl+2'],
      ['Sinking transactions', 'CmdOrCtrl+3'],
      ['Retirements', 'CmdOrCtrl+4'],
      ['Distribution outflows', 'CmdOrCtrl+5'],
      ['Registry drift', 'CmdOrCtrl+6'],
      ['Audit log', 'CmdOrCtrl+7'],
      ['Report', 'CmdOrCtrl+8'],
      ['Charts', 'CmdOrCtrl+9'],
      ['Settings', 'CmdOrCtrl+,'],
    ]);
    click(item(view, 'Retirements'));
    expect(act.send).toHaveBeenCalledWith({ id: 'page:retirements' });
    const roles = view.map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(['reload', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    // Developer tools only when not packaged.
    expect(submenu(menuTemplate(ctx('linux', [], false), act), 'View').map((i) => i.role)).toContain('toggleDevTools');

    const macView = submenu(menuTemplate(ctx('darwin'), act), 'View');
    expect(item(macView, 'Settings').accelerator).toBeUndefined();
    const appMenu = submenu(menuTemplate(ctx('darwin'), act), 'Audit Explorer');
    expect(item(appMenu, 'Settings…').accelerator).toBe('CmdOrCtrl+,');
  });

  it('Go: back and forward per platform; the palette shown with Ctrl/⌘ K but left to the page', () => {
    const act = stubActions();
    const go = submenu(menuTemplate(ctx('win32'), act), 'Go');
    expect(item(go, 'Back').accelerator).toBe('Alt+Left');
    expect(item(submenu(menuTemplate(ctx('darwin'), act), 'Go'), 'Back').accelerator).toBe('Cmd+[');
    const palette = item(go, 'Command Palette…');
    expect(palette).toMatchObject({ accelerator: 'CmdOrCtrl+K', registerAccelerator: false });
    click(palette);
    click(item(go, 'Forward'));
    expect(act.send.mock.calls.map((c) => c[0])).toEqual([{ id: 'shell:palette' }, { id: 'shell:forward' }]);
  });

  it('Help opens README and SECURITY; About is in Help, or in the app menu on macOS', () => {
    const act = stubActions();
    const help = submenu(menuTemplate(ctx('linux'), act), 'help');
    click(item(help, 'README'));
    click(item(help, 'Security'));
    expect(act.openHelp.mock.calls).toEqual([['readme'], ['security']]);
    click(item(help, 'About Audit Explorer'));
    expect(act.about).toHaveBeenCalledTimes(1);
    expect(submenu(menuTemplate(ctx('darwin'), act), 'help').map((i) => i.label)).not.toContain('About Audit Explorer');
    expect(item(submenu(menuTemplate(ctx('darwin'), act), 'Audit Explorer'), 'About Audit Explorer').click).toBeTypeOf('function');
  });
});

describe('File → Open Recent', () => {
  const at = '2026-12-01T10:00:00.000Z';
  const recent: RecentEntry[] = [
    { kind: 'export', path: '/home/a/sinks.csv', chosenAt: at, exists: true },
    { kind: 'backup', path: '/home/a/b1.sqlite3', chosenAt: at, exists: true },
    { kind: 'backup', path: '/home/a/gone.sqlite3', chosenAt: at, exists: false },
    { kind: 'dump', path: '/home/a/sc-data', chosenAt: at, exists: true },
  ];

  it('lists the paths by kind; a missing one is shown as missing and cannot be chosen', () => {
    const act = stubActions();
    const open = item(submenu(menuTemplate(ctx('linux', recent), act), 'File'), 'Open Recent').submenu as MenuItemConstructorOptions[];
    expect(open.map((i) => i.label ?? i.type)).toEqual([
      'Backups',
      '/home/a/b1.sqlite3',
      '/home/a/gone.sqlite3 (missing)',
      'separator',
      'Dump folders',
      '/home/a/sc-data',
      'separator',
      'Exports',
      '/home/a/sinks.csv',
      'separator',
      'Clear Recent',
    ]);
    expect(item(open, '/home/a/gone.sqlite3 (missing)')).toMatchObject({ enabled: false });
    expect(item(open, '/home/a/gone.sqlite3 (missing)').click).toBeUndefined();
    click(item(open, '/home/a/b1.sqlite3'));
    click(item(open, '/home/a/sc-data'));
    expect(act.send.mock.calls.map((c) => c[0])).toEqual([
      { id: 'action:apply-backup', path: '/home/a/b1.sqlite3' },
      { id: 'action:import-dump', path: '/home/a/sc-data' },
    ]);
    click(item(open, '/home/a/sinks.csv'));
    expect(act.showInFolder).toHaveBeenCalledWith('/home/a/sinks.csv');
    click(item(open, 'Clear Recent'));
    expect(act.clearRecent).toHaveBeenCalledTimes(1);
  });

  it('says so when nothing was chosen yet', () => {
    const open = item(submenu(menuTemplate(ctx('darwin', []), stubActions()), 'File'), 'Open Recent').submenu as MenuItemConstructorOptions[];
    expect(open.map((i) => [i.label ?? i.type, i.enabled])).toEqual([
      ['No Recent Paths', false],
      ['separator', undefined],
      ['Clear Recent', false],
    ]);
  });
});
