import type { Migration } from '../types.js';

/**
 * Saved views (issue 16): a page with its filters and order, kept under a name, opened as its permalink is.
 * The auditor's own working state, like the settings: not in DATA_TABLES (no dumps, no change triggers).
 * `query` is the page's URL query as the renderer writes it (keys = the API's parameter names).
 */
export const savedViews: Migration = {
  version: 11,
  name: 'saved views',
  up(db) {
    db.exec(`
      CREATE TABLE saved_views (
        name TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,
        page TEXT NOT NULL,
        query TEXT NOT NULL,
        -- JSON array of the table's hidden column ids; NULL: the viewer's own layout.
        hidden_columns TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        created_by TEXT NOT NULL
      ) STRICT;
    `);
  },
};
