import { AppError } from '../../../shared/errors.js';
import type { Migration, WriteDb } from './types.js';

export function schemaVersionOf(db: { pragma(sql: string, opts: { simple: true }): unknown }): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/** Checks the list is 1..n with no gap, so a forgotten or duplicated file fails at start, not in the field. */
export function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`migration list out of order: position ${i + 1} holds version ${m.version} (${m.name})`);
    }
  });
}

export function refuseNewer(current: number, latest: number, path: string): void {
  if (current > latest) {
    throw new AppError(
      'DB_NEWER_VERSION',
      `The database ${path} has schema version ${current}, but this app only knows up to ${latest}: ` +
        'it was written by a newer version of the app. Update the app; the file was not modified.',
    );
  }
}

/**
 * Runs the pending migrations in one transaction each, recording the version in `user_version`.
 * Returns the versions applied.
 */
export function migrate(db: WriteDb, migrations: readonly Migration[], path: string): number[] {
  assertOrdered(migrations);
  const latest = migrations.length;
  const current = schemaVersionOf(db);
  refuseNewer(current, latest, path);
  const applied: number[] = [];
  // Up to date (nearly every open): no write transaction, so opening never waits for a catch-up's commit.
  if (current === latest) return applied;
  // The version is read again inside each IMMEDIATE transaction: two processes opening a new file at the same
  // moment (the app and the CLI) must not both run migration 1 ("table … already exists").
  for (;;) {
    const version = db
      .transaction((): number | null => {
        const at = schemaVersionOf(db);
        refuseNewer(at, latest, path);
        const m = migrations[at];
        if (!m) return null;
        m.up(db);
        db.pragma(`user_version = ${m.version}`);
        return m.version;
      })
      .immediate();
    if (version === null) return applied;
    applied.push(version);
  }
}
