import { SETTING_KEYS, type SettingKey } from '../../../shared/api/settings.js';
import type { ReadDb, WriteDb } from '../db/types.js';

/** The app_settings table (migration 003): raw text values keyed by env name. Validation happens at the API. */

export type StoredSettings = Partial<Record<SettingKey, string>>;

export function readStoredSettings(db: ReadDb | WriteDb): StoredSettings {
  const rows = db.prepare('SELECT key, value FROM app_settings').all() as { key: string; value: string }[];
  const out: StoredSettings = {};
  for (const r of rows) {
    // Keys from a newer app version are ignored rather than guessed at.
    if ((SETTING_KEYS as readonly string[]).includes(r.key)) out[r.key as SettingKey] = r.value;
  }
  return out;
}

/** Applies changes (null deletes) in one transaction. */
export function writeStoredSettings(db: WriteDb, changes: Partial<Record<SettingKey, string | null>>, actor: string): void {
  const upsert = db.prepare(
    `INSERT INTO app_settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  );
  const remove = db.prepare('DELETE FROM app_settings WHERE key = ?');
  const at = new Date().toISOString();
  db.transaction(() => {
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      if (value === null) remove.run(key);
      else upsert.run(key, value, at, actor);
    }
  })();
}
