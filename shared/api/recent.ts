import { z } from 'zod';
import { method } from '../contractKit.js';

/**
 * Recently chosen paths, per kind: the last RECENT_CAP paths the user picked in the desktop app's OS dialogs.
 * Desktop app only (they are remembered by the dialogs; elsewhere NOT_FOUND). A path that no longer exists is
 * listed with exists: false, so it is shown as missing and not offered as if valid.
 */
export const RECENT_KINDS = ['backup', 'dump', 'export', 'report'] as const;
export type RecentKind = (typeof RECENT_KINDS)[number];
export const RECENT_CAP = 10;

export const recentKind = z.enum(RECENT_KINDS);

export interface RecentEntry {
  kind: RecentKind;
  path: string;
  /** When it was last chosen (ISO). */
  chosenAt: string;
  exists: boolean;
}

export interface RecentList {
  /** Newest first. */
  entries: RecentEntry[];
}

export const recentMethods = {
  'recent.list': method<RecentList>()(z.object({ kind: recentKind.optional() }).strict()),
  /** A recent path picked again (from a recent list): it moves to the top. Only a path already listed; NOT_FOUND else. */
  'recent.touch': method<RecentList>()(z.object({ kind: recentKind, path: z.string().min(1).max(4096) }).strict()),
  /** Forgets the recent paths of one kind, or all. */
  'recent.clear': method<RecentList>()(z.object({ kind: recentKind.optional() }).strict()),
};
