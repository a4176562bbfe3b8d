import type { MenuItemConstructorOptions } from 'electron';
import type { RecentEntry, RecentKind } from '../../shared/api/recent.js';
import type { AppCommand } from '../../shared/appCommands.js';

const HEADINGS: Record<RecentKind, string> = { backup: 'Backups', dump: 'Dump folders', export: 'Exports', report: 'Report folders' };

export interface RecentMenuActions {
  send(cmd: AppCommand): void;
  showInFolder(file: string): void;
  clearRecent(): void;
}

/** What a recent path does: a backup is applied (checked first, on the page), a dump folder imported, others shown. */
function open(entry: RecentEntry, actions: RecentMenuActions): () => void {
  if (entry.kind === 'backup') return () => actions.send({ id: 'action:apply-backup', path: entry.path });
  if (entry.kind === 'dump') return () => actions.send({ id: 'action:import-dump', path: entry.path });
  return () => actions.showInFolder(entry.path);
}

/** File → Open Recent: the remembered paths by kind; a path no longer there is listed as missing and disabled. */
export function recentSubmenu(recent: readonly RecentEntry[], actions: RecentMenuActions): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  for (const kind of Object.keys(HEADINGS) as RecentKind[]) {
    const entries = recent.filter((e) => e.kind === kind);
    if (entries.length === 0) continue;
    if (items.length > 0) items.push({ type: 'separator' });
    items.push({ label: HEADINGS[kind], enabled: false });
    for (const e of entries) {
      items.push(e.exists ? { label: e.path, click: open(e, actions) } : { label: `${e.path} (missing)`, enabled: false });
    }
  }
  if (items.length === 0) items.push({ label: 'No Recent Paths', enabled: false });
  items.push({ type: 'separator' }, { label: 'Clear Recent', enabled: recent.length > 0, click: () => actions.clearRecent() });
  return items;
}
