import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { RECENT_CAP, type RecentEntry, type RecentKind, type RecentList, recentKind } from '../../shared/api/recent.js';
import { AppError } from '../../shared/errors.js';
import type { Handler } from '../core/api/handlerTypes.js';

/**
 * The paths the user chose in the OS dialogs, the last RECENT_CAP per kind, in a small JSON file in userData
 * (recent-paths.json). Not in the database: they are this computer's paths, not audit data — a backup applied
 * or a database shared with a colleague must not carry them, and app_settings changes are written to the audit
 * trail. A file that cannot be read is kept aside as recent-paths.json.unreadable-<time>, never silently lost.
 */
const fileSchema = z.object({
  version: z.literal(1),
  entries: z.array(z.object({ kind: recentKind, path: z.string().min(1).max(4096), chosenAt: z.string() })),
});
type Stored = Omit<RecentEntry, 'exists'>;

export interface RecentFiles {
  add(kind: RecentKind, chosen: string): void;
  /** Newest first; a path no longer there has exists: false. */
  list(kind?: RecentKind): RecentEntry[];
  clear(kind?: RecentKind): void;
  /** Called after every change (the app menu's Open Recent is rebuilt). */
  onChange(cb: () => void): void;
}

export function recentFiles(file: string, opts: { exists?: (p: string) => boolean; now?: () => Date } = {}): RecentFiles {
  const exists = opts.exists ?? fs.existsSync;
  const now = opts.now ?? (() => new Date());
  const listeners: (() => void)[] = [];

  function read(): Stored[] {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return [];
    }
    try {
      return fileSchema.parse(JSON.parse(text)).entries;
    } catch {
      fs.renameSync(file, `${file}.unreadable-${now().toISOString().replace(/[:.]/g, '-')}`);
      return [];
    }
  }
  function write(entries: Stored[]): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify({ version: 1, entries }, null, 2)}\n`);
    fs.renameSync(tmp, file);
    for (const cb of listeners) cb();
  }

  return {
    add(kind, chosen) {
      const entries = [{ kind, path: chosen, chosenAt: now().toISOString() }, ...read().filter((e) => !(e.kind === kind && e.path === chosen))];
      // The cap applies per kind: many exports do not push the backups out.
      const seen = new Map<RecentKind, number>();
      write(
        entries.filter((e) => {
          const n = (seen.get(e.kind) ?? 0) + 1;
          seen.set(e.kind, n);
          return n <= RECENT_CAP;
        }),
      );
    },
    list(kind) {
      return read()
        .filter((e) => kind === undefined || e.kind === kind)
        .map((e) => ({ ...e, exists: exists(e.path) }));
    },
    clear(kind) {
      write(kind === undefined ? [] : read().filter((e) => e.kind !== kind));
    },
    onChange(cb) {
      listeners.push(cb);
    },
  };
}

/** The desktop app's 'recent.list' and 'recent.clear' (they replace the core's NOT_FOUND handlers in main.ts). */
export function recentHandlers(store: RecentFiles): { 'recent.list': Handler<'recent.list'>; 'recent.touch': Handler<'recent.touch'>; 'recent.clear': Handler<'recent.clear'> } {
  const answer = (kind?: RecentKind): RecentList => ({ entries: store.list(kind) });
  return {
    'recent.list': (p) => answer(p.kind),
    // Only what a dialog put there: the page cannot add a path of its own to the list.
    'recent.touch': (p) => {
      if (!store.list(p.kind).some((e) => e.path === p.path && e.exists)) throw new AppError('NOT_FOUND', `Not among the recent ${p.kind} paths (or no longer there): ${p.path}`);
      store.add(p.kind, p.path);
      return answer(p.kind);
    },
    'recent.clear': (p) => {
      store.clear(p.kind);
      return answer(p.kind);
    },
  };
}
