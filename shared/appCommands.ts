/**
 * The app's pages and the commands the desktop menu sends to the page. One typed list: the menu (main process)
 * builds its items from it, the renderer's command palette runs the action of the same id, and the push event
 * 'app.command' (shared/events.ts) carries one of these ids to the window.
 */
export const APP_PAGES = [
  { id: 'overview', label: 'Overview' },
  { id: 'inventory', label: 'Inventory' },
  { id: 'sinks', label: 'Sinking transactions' },
  { id: 'retirements', label: 'Retirements' },
  { id: 'distribution', label: 'Distribution outflows' },
  { id: 'drift', label: 'Registry drift' },
  { id: 'audit', label: 'Audit log' },
  { id: 'report', label: 'Report' },
  { id: 'charts', label: 'Charts' },
  { id: 'settings', label: 'Settings' },
] as const;
export type AppPageId = (typeof APP_PAGES)[number]['id'];

/** The palette's actions the menu can run (their ids in the palette's action registry). */
export const ACTION_COMMAND_IDS = [
  'action:bootstrap',
  'action:import-dump',
  'action:apply-backup',
  'action:create-backup',
  'action:export-csv',
  'action:export-json',
  'action:catch-up',
  'action:verify',
  'action:report',
  'action:live',
] as const;
/** Window-level commands: the palette, the shortcut sheet, history. */
export const SHELL_COMMAND_IDS = ['shell:palette', 'shell:shortcuts', 'shell:back', 'shell:forward'] as const;

export type ActionCommandId = (typeof ACTION_COMMAND_IDS)[number];
export type PageCommandId = `page:${AppPageId}`;
export type AppCommandId = ActionCommandId | PageCommandId | (typeof SHELL_COMMAND_IDS)[number];

export const APP_COMMAND_IDS: readonly AppCommandId[] = [...ACTION_COMMAND_IDS, ...APP_PAGES.map((p) => `page:${p.id}` as const), ...SHELL_COMMAND_IDS];

export function pageCommandId(page: AppPageId): PageCommandId {
  return `page:${page}`;
}

/** What the menu sends: a command id, and for an import or apply the path the user chose in the OS dialog. */
export interface AppCommand {
  id: AppCommandId;
  /** Chosen in main's open dialog (or File → Open Recent) before the command was sent. */
  path?: string;
}

export function isAppCommand(value: unknown): value is AppCommand {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { id?: unknown; path?: unknown };
  return typeof v.id === 'string' && APP_COMMAND_IDS.includes(v.id as AppCommandId) && (v.path === undefined || typeof v.path === 'string');
}
