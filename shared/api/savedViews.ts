import { z } from 'zod';
import { method } from '../contractKit.js';

/**
 * Saved views (issue 16): a page with its filters, order and columns under a name, stored in the database, opened as its
 * permalink is (`#/<page>?<query>`). Names are unique regardless of case.
 */
export const SAVED_VIEW_PAGES = ['overview', 'inventory', 'sinks', 'retirements', 'distribution', 'drift', 'audit', 'report', 'charts', 'settings'] as const;
export type SavedViewPage = (typeof SAVED_VIEW_PAGES)[number];

export interface SavedView {
  name: string;
  page: SavedViewPage;
  /** The page's URL query without '?', e.g. "recipient=G…&order=asc". */
  query: string;
  /** The table's hidden columns when it was saved (null: not a table page; the viewer's own layout). */
  hiddenColumns: string[] | null;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

const viewName = z
  .string()
  .trim()
  .min(1, 'a saved view needs a name')
  .max(80)
  .regex(/^[^\p{Cc}/\\]+$/u, 'no control characters or slashes in a view name');
const viewQuery = z
  .string()
  .max(2000)
  .regex(/^[^#?\s]*$/, 'a view query is the part after "?": no "#", "?" or spaces');

export const savedViewsMethods = {
  /** Every saved view, by name. */
  'savedViews.list': method<SavedView[]>()(z.object({}).strict()),
  /** Saves a view under a new name; `replace: true` overwrites one of that name. */
  'savedViews.save': method<SavedView>()(
    z
      .object({
        name: viewName,
        page: z.enum(SAVED_VIEW_PAGES),
        query: viewQuery,
        hiddenColumns: z.array(z.string().regex(/^[A-Za-z0-9_]{1,40}$/)).max(60).nullable().default(null),
        replace: z.boolean().default(false),
      })
      .strict(),
  ),
  'savedViews.rename': method<SavedView>()(z.object({ name: viewName, to: viewName }).strict()),
  'savedViews.delete': method<{ deleted: boolean }>()(z.object({ name: viewName }).strict()),
};
