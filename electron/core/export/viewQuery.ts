import { AppError } from '../../../shared/errors.js';
import type { ReadDb } from '../db/types.js';

/**
 * Exports must use exactly the views' filters and order. Rather than restate each view's SQL (and drift from it),
 * we run the view function against a recording handle: it builds its query as usual, and we take the SQL and
 * the bound values, then run them ourselves with `.iterate()` (the view functions use `.all()`, which would load
 * every row). A view whose shape changes (more than one query, or not `.all()`) fails loudly here, and the
 * export tests compare every exported row with the view's own result.
 *
 * (If the views module one day exposes its query builders, use those and delete this file.)
 */
export interface CapturedQuery {
  sql: string;
  args: unknown[];
  /** Whether the view reads integers as BigInt (TOIDs) — its mapper expects what it asked for. */
  safeIntegers: boolean;
}

export function captureViewQuery(view: string, run: (db: ReadDb) => unknown): CapturedQuery {
  const seen: CapturedQuery[] = [];
  const recorder = {
    prepare(sql: string) {
      let safe = false;
      const stmt = {
        safeIntegers: (on = true) => ((safe = on), stmt),
        all: (...args: unknown[]) => {
          seen.push({ sql, args, safeIntegers: safe });
          return [];
        },
      };
      return stmt;
    },
  };
  run(recorder as unknown as ReadDb);
  const [only] = seen;
  if (seen.length !== 1 || !only) {
    throw new AppError('INTERNAL', `export: the ${view} view ran ${seen.length} queries; expected exactly one to export.`);
  }
  return only;
}

/** Runs a view's mapping code over raw rows we read (for views that map inline rather than through an export). */
export function replayView<T>(rows: Record<string, unknown>[], run: (db: ReadDb) => T): T {
  const replay = {
    prepare() {
      const stmt = { safeIntegers: () => stmt, all: () => rows };
      return stmt;
    },
  };
  return run(replay as unknown as ReadDb);
}

/** 'SELECT … ORDER BY toid DESC' → 'toid DESC', so a wrapping query can keep the view's order. */
export function trailingOrder(sql: string): string {
  const m = /ORDER BY\s+(\w+)\s+(ASC|DESC)\s*$/i.exec(sql.trim());
  if (!m) throw new AppError('INTERNAL', `export: cannot find the view's order in ${sql.slice(-80)}`);
  return `${m[1]} ${m[2]}`;
}
