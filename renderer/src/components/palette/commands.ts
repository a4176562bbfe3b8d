import type { LookupHit } from '../../../../shared/api/lookup';
import type { SavedView } from '../../../../shared/api/savedViews';
import { hrefFor } from '../../router';
import { savedViewHref } from '../../state/savedViews';

/** One entry of the command palette: a page, an action, a saved view, or a record the search found. */
export interface Command {
  id: string;
  group: 'Pages' | 'Actions' | 'Saved views' | 'Records';
  label: string;
  /** Shown right-aligned: its shortcut, or a detail. */
  hint?: string;
  /** Why it cannot run now (shown, and Enter does nothing). */
  disabled?: string | null;
  /** path: chosen already (the desktop menu's OS dialog, File → Open Recent), for the actions that need one. */
  run: (arg?: { path?: string }) => void;
}

/** The keyboard shortcuts: one table for the handler, the palette's hints and the "?" sheet. */
export const PAGE_KEYS: Record<string, string> = {
  overview: 'o',
  inventory: 'i',
  sinks: 's',
  retirements: 'r',
  distribution: 'd',
  drift: 'f',
  audit: 'a',
  report: 'p',
  charts: 'c',
  settings: ',',
};

export const ACTION_KEYS = { palette: 'Ctrl/⌘ K', sheet: '?', catchUp: 'u', verify: 'v', exportCsv: 'e', exportJson: 'Shift E', filter: '/' } as const;

const go = (hash: string) => () => {
  window.location.hash = hash;
};

export function pageCommands(pages: readonly { id: string; label: string }[]): Command[] {
  return pages.map((p) => ({ id: `page:${p.id}`, group: 'Pages', label: p.label, hint: PAGE_KEYS[p.id] ? `g ${PAGE_KEYS[p.id]}` : undefined, run: go(hrefFor(p.id)) }));
}

export function savedViewCommands(views: readonly SavedView[]): Command[] {
  return views.map((v) => ({ id: `saved:${v.name}`, group: 'Saved views', label: v.name, hint: v.page, run: go(savedViewHref(v)) }));
}

const KIND_LABEL: Record<LookupHit['kind'], string> = { sale: 'Sale', retirement: 'Retirement', block: 'Block', funder: 'Funder', recipient: 'Recipient' };

/** Where a found record opens: its row selected in its table (the detail shows), or an account's sales. */
export function hitHref(h: LookupHit): string {
  if (h.kind === 'sale') return hrefFor('sinks', { sel: h.key });
  if (h.kind === 'retirement') return hrefFor('retirements', { sel: h.key });
  if (h.kind === 'block') return hrefFor('inventory', { sel: h.key });
  return hrefFor('sinks', { [h.kind]: h.key });
}

export function hitCommands(hits: readonly LookupHit[]): Command[] {
  return hits.map((h) => ({ id: `hit:${h.kind}:${h.key}`, group: 'Records', label: `${KIND_LABEL[h.kind]} ${h.key}`, hint: h.detail, run: go(hitHref(h)) }));
}

/** Commands whose label (or group) holds every word typed, in the given order (groups stay together). */
export function filterCommands(commands: readonly Command[], text: string): Command[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...commands];
  return commands.filter((c) => c.group === 'Records' || words.every((w) => `${c.label} ${c.group} ${c.hint ?? ''}`.toLowerCase().includes(w)));
}
