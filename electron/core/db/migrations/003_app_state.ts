import type { Migration } from '../types.js';

/**
 * App state that is not audit data: the cross-process catch-up lock and the stored settings.
 * Neither table is in DATA_TABLES (no dumps, no change triggers): settings changes are recorded as
 * 'settings-change' operations instead, and a lock row is transient by nature.
 */
export const appState: Migration = {
  version: 3,
  name: 'app state (locks, settings)',
  up(db) {
    db.exec(`
      -- One row per held lock. A row whose process is gone (same host, pid dead) is stale and may be taken over.
      CREATE TABLE app_locks (
        name TEXT PRIMARY KEY NOT NULL,
        purpose TEXT NOT NULL,
        actor TEXT NOT NULL,
        host TEXT NOT NULL,
        pid INTEGER NOT NULL,
        token TEXT NOT NULL,
        acquired_at TEXT NOT NULL
      ) STRICT;

      -- Settings as text keyed by their env name (SC_HORIZON_URL, …); env variables still win over these.
      CREATE TABLE app_settings (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
    `);
  },
};
