import { describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL } from '../../shared/contract.js';
import type { AppInfo } from '../../shared/api/app.js';
import type { RecentEntry } from '../../shared/api/recent.js';
import { type MenuDeps, menuActions } from './menuActions.js';
import { PROJECT_REPO, helpUrl, isProjectUrl } from './projectLinks.js';
import type { RecentFiles } from './recentFiles.js';

const info: AppInfo = { appVersion: '0.1.0', dbPath: '/home/a/.config/sc/sc-audit.sqlite3', schemaVersion: 15, rowCounts: [], contractCallsNotLoaded: null };

function world(opts: { chosen?: string | null; recent?: RecentEntry[] } = {}) {
  const sent: unknown[] = [];
  const contents = { send: (channel: string, msg: unknown) => sent.push([channel, msg]), isDestroyed: () => false };
  const recent = { list: () => opts.recent ?? [], clear: vi.fn(), add: vi.fn(), onChange: vi.fn() } satisfies RecentFiles;
  const deps = {
    appName: 'Audit Explorer',
    window: () => ({ webContents: contents }) as never,
    dialog: { showMessageBox: vi.fn(() => Promise.resolve({ response: 0, checkboxChecked: false })) },
    shell: { openExternal: vi.fn(() => Promise.resolve()), showItemInFolder: vi.fn() },
    recent,
    openPath: vi.fn(() => Promise.resolve({ path: opts.chosen === undefined ? '/home/a/sc-data' : opts.chosen })),
    info: () => info,
    clearRecentDocuments: vi.fn(),
    report: vi.fn(),
  } satisfies MenuDeps;
  return { sent, deps, actions: menuActions(deps) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe("the menu's actions in main", () => {
  it("send 'app.command' on the one event channel", () => {
    const { sent, actions } = world();
    actions.send({ id: 'action:export-csv' });
    expect(sent).toEqual([[IPC_EVENT_CHANNEL, { event: 'app.command', payload: { id: 'action:export-csv' } }]]);
  });

  it('open the OS dialog first for an import or an apply, remember the choice, then send the path; a cancel sends nothing', async () => {
    const w = world();
    w.actions.chooseThenSend('action:import-dump');
    await flush();
    expect(w.deps.openPath).toHaveBeenCalledWith({ kind: 'folder', recent: 'dump', title: 'Import a dump folder' }, { via: 'ipc' });
    expect(w.sent).toEqual([[IPC_EVENT_CHANNEL, { event: 'app.command', payload: { id: 'action:import-dump', path: '/home/a/sc-data' } }]]);

    const cancelled = world({ chosen: null });
    cancelled.actions.chooseThenSend('action:apply-backup');
    await flush();
    expect(cancelled.deps.openPath).toHaveBeenCalledWith({ kind: 'sqlite', recent: 'backup', title: 'Apply a backup' }, { via: 'ipc' });
    expect(cancelled.sent).toEqual([]);
  });

  it("open README and SECURITY on the project's https pages only", async () => {
    const { deps, actions } = world();
    actions.openHelp('readme');
    actions.openHelp('security');
    await flush();
    expect(deps.shell.openExternal.mock.calls).toEqual([[helpUrl('readme')], [helpUrl('security')]]);
    expect(helpUrl('security')).toBe(`https://github.com/${PROJECT_REPO.owner}/${PROJECT_REPO.repo}/blob/main/SECURITY.md`);
    expect(isProjectUrl(helpUrl('readme'))).toBe(true);
    for (const bad of [
      `http://github.com/${PROJECT_REPO.owner}/${PROJECT_REPO.repo}/blob/main/README.md`,
      `https://github.com.evil.example/${PROJECT_REPO.owner}/${PROJECT_REPO.repo}/`,
      `https://github.com/someone-else/${PROJECT_REPO.repo}/blob/main/README.md`,
      `https://user@github.com/${PROJECT_REPO.owner}/${PROJECT_REPO.repo}/`,
      'file:///etc/passwd',
    ]) {
      expect(isProjectUrl(bad)).toBe(false);
    }
  });

  it("show the about box with the app's version, the schema version and the database file", async () => {
    const { deps, actions } = world();
    actions.about();
    await flush();
    expect(deps.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    const options = deps.dialog.showMessageBox.mock.calls[0]!.at(-1) as unknown as { message: string; detail: string };
    expect(options.message).toBe('Audit Explorer 0.1.0');
    expect(options.detail).toBe('Database schema version 15\nDatabase file /home/a/.config/sc/sc-audit.sqlite3');
  });

  it('report a failing action instead of throwing into the menu', async () => {
    const w = world();
    w.deps.openPath.mockImplementation(() => Promise.reject(new Error('dialog gone')));
    w.actions.chooseThenSend('action:apply-backup');
    await flush();
    expect(w.deps.report).toHaveBeenCalledWith('Apply a backup: dialog gone');
  });

  it('clear the recent paths and the OS list; a recent document opened from the OS is applied when it is a backup', () => {
    const at = '2026-12-01T10:00:00Z';
    const w = world({ recent: [{ kind: 'backup', path: '/a/b.sqlite3', chosenAt: at, exists: true }, { kind: 'export', path: '/a/s.csv', chosenAt: at, exists: true }] });
    w.actions.clearRecent();
    expect(w.deps.recent.clear).toHaveBeenCalledWith();
    expect(w.deps.clearRecentDocuments).toHaveBeenCalledTimes(1);
    w.actions.openFile('/a/b.sqlite3');
    w.actions.openFile('/a/s.csv');
    expect(w.sent).toEqual([[IPC_EVENT_CHANNEL, { event: 'app.command', payload: { id: 'action:apply-backup', path: '/a/b.sqlite3' } }]]);
    expect(w.deps.shell.showItemInFolder).toHaveBeenCalledWith('/a/s.csv');
  });
});
