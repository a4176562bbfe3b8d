import type { Page } from '@playwright/test';
import type { RecentEntry } from '../../shared/api/recent';
import type { AppCommand } from '../../shared/appCommands';

/** What the stand-in's OS dialogs answer, and the recent paths it lists. */
export interface DesktopAnswers {
  openFolder: string;
  openBackup: string;
  /** The save dialog's answer for an export; saveBackup for a backup (format sqlite). */
  saveFile: string;
  saveBackup: string;
  recent: RecentEntry[];
}

interface BridgeWindow {
  /** The dialogs asked, and the recent paths picked again (recent.touch), in order. */
  dialogsAsked: { name: string; params: unknown }[];
  emitAppCommand: (cmd: AppCommand) => void;
}

/**
 * The desktop app without an Electron binary: a stand-in for the preload (window.scApi, the same two functions)
 * forwards every call to `serve` and its events from serve's event stream, answers the OS dialogs and the recent
 * list as the main process would, and lets the test send the menu's 'app.command' events (emitAppCommand).
 */
export async function installDesktopBridge(page: Page, answers: DesktopAnswers): Promise<void> {
  await page.addInitScript((a: DesktopAnswers) => {
    const token = new URLSearchParams(window.location.search).get('token') ?? '';
    const w = window as unknown as BridgeWindow & { scApi: unknown };
    const listeners = new Map<string, Set<(payload: unknown) => void>>();
    let source: EventSource | null = null;
    w.dialogsAsked = [];
    w.emitAppCommand = (cmd) => listeners.get('app.command')?.forEach((cb) => cb(cmd));
    w.scApi = {
      async invoke(name: string, params: { kind?: string }) {
        if (name === 'dialog.openPath' || name === 'dialog.saveFile') {
          w.dialogsAsked.push({ name, params });
          const save = (params as { format?: string }).format === 'sqlite' ? a.saveBackup : a.saveFile;
          const path = name === 'dialog.saveFile' ? save : params.kind === 'folder' ? a.openFolder : a.openBackup;
          return { ok: true, value: { path } };
        }
        if (name === 'recent.touch') {
          w.dialogsAsked.push({ name, params });
          return { ok: true, value: { entries: a.recent } };
        }
        if (name === 'recent.list') return { ok: true, value: { entries: a.recent.filter((e) => !params.kind || e.kind === params.kind) } };
        const res = await fetch(`/api/${encodeURIComponent(name)}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sc-token': token }, body: JSON.stringify(params ?? {}) });
        return (await res.json()) as unknown;
      },
      on(event: string, cb: (payload: unknown) => void) {
        if (!source) {
          source = new EventSource(`/api-events?token=${encodeURIComponent(token)}`);
          source.onmessage = (msg: MessageEvent<string>) => {
            const { event: name, payload } = JSON.parse(msg.data) as { event: string; payload: unknown };
            listeners.get(name)?.forEach((l) => l(payload));
          };
        }
        let set = listeners.get(event);
        if (!set) listeners.set(event, (set = new Set()));
        set.add(cb);
        return () => set.delete(cb);
      },
    };
  }, answers);
}

export const emitAppCommand = (page: Page, cmd: AppCommand) => page.evaluate((c) => (window as unknown as BridgeWindow).emitAppCommand(c), cmd);
export const dialogsAsked = (page: Page) => page.evaluate(() => (window as unknown as BridgeWindow).dialogsAsked);
