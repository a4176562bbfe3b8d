import type { SavedView, SavedViewPage } from '../../../shared/api/savedViews.js';
import { AppError } from '../../../shared/errors.js';
import { resolveActor } from '../audit/operationLog.js';
import { sql } from '../db/sql.js';
import type { ReadDb, WriteDb } from '../db/types.js';

/** The saved_views table (migration 011). Input is validated by the contract; here: existence and uniqueness. */

interface SavedViewRow {
  name: string;
  page: SavedViewPage;
  query: string;
  hidden_columns: string | null;
  created_at: string;
  updated_at: string;
  created_by: string;
}

const toView = (r: SavedViewRow): SavedView => ({
  name: r.name,
  page: r.page,
  query: r.query,
  hiddenColumns: r.hidden_columns === null ? null : (JSON.parse(r.hidden_columns) as string[]),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  createdBy: r.created_by,
});

function find(db: ReadDb | WriteDb, name: string): SavedView | null {
  const q = sql`SELECT * FROM saved_views WHERE name = ${name}`;
  const r = db.prepare(q.text).get(...q.params) as SavedViewRow | undefined;
  return r ? toView(r) : null;
}

export function listSavedViews(db: ReadDb | WriteDb): SavedView[] {
  return (db.prepare('SELECT * FROM saved_views ORDER BY name COLLATE NOCASE').all() as SavedViewRow[]).map(toView);
}

export function saveView(db: WriteDb, v: { name: string; page: SavedViewPage; query: string; hiddenColumns?: string[] | null; replace?: boolean }, actor?: string): SavedView {
  const now = new Date().toISOString();
  const hidden = v.hiddenColumns ? JSON.stringify(v.hiddenColumns) : null;
  return db.transaction(() => {
    const existing = find(db, v.name);
    if (existing && !v.replace) throw new AppError('BAD_INPUT', `A saved view named "${existing.name}" exists already: choose another name, or replace it.`);
    const q = existing
      ? sql`UPDATE saved_views SET name = ${v.name}, page = ${v.page}, query = ${v.query}, hidden_columns = ${hidden}, updated_at = ${now} WHERE name = ${v.name}`
      : sql`INSERT INTO saved_views (name, page, query, hidden_columns, created_at, updated_at, created_by) VALUES (${v.name}, ${v.page}, ${v.query}, ${hidden}, ${now}, ${now}, ${resolveActor(actor)})`;
    db.prepare(q.text).run(...q.params);
    return find(db, v.name) as SavedView;
  })();
}

export function renameView(db: WriteDb, name: string, to: string): SavedView {
  return db.transaction(() => {
    if (!find(db, name)) throw new AppError('NOT_FOUND', `No saved view named "${name}".`);
    const clash = find(db, to);
    // A change of case only is a rename of the same view.
    if (clash && clash.name.toLowerCase() !== name.toLowerCase()) throw new AppError('BAD_INPUT', `A saved view named "${clash.name}" exists already.`);
    const q = sql`UPDATE saved_views SET name = ${to}, updated_at = ${new Date().toISOString()} WHERE name = ${name}`;
    db.prepare(q.text).run(...q.params);
    return find(db, to) as SavedView;
  })();
}

export function deleteView(db: WriteDb, name: string): { deleted: boolean } {
  const q = sql`DELETE FROM saved_views WHERE name = ${name}`;
  return { deleted: db.prepare(q.text).run(...q.params).changes > 0 };
}
