import { AppError } from '../../../shared/errors.js';

/**
 * SQLite's own consistency checks. quick_check is O(size) but skips index-content checks: cheap enough to run
 * on every open, so a damaged file is reported with a way out before anything reads wrong numbers from it.
 */
type Pragmatic = { pragma(sql: string, opts?: { simple?: boolean }): unknown };

const MAX_MESSAGES = 100;

type CheckRow = { quick_check?: string; integrity_check?: string };
const SCHEMA_RETRIES = 3;

/**
 * The check's rows, or the error that is its finding. Errors of the check's own statement that say nothing about the
 * file are not findings: another process changed the schema under it (a second process migrating a new file while
 * this one opens it: FTS5's constructor then fails with SQLITE_SCHEMA, "vtable constructor failed") — the check runs
 * again, and a schema that keeps changing is thrown — or holds a lock past the busy timeout (SQLITE_BUSY*,
 * SQLITE_LOCKED*), thrown as it is: the caller says "busy", not "damaged".
 */
function checkRows(db: Pragmatic, pragma: string): CheckRow[] | { failed: string } {
  for (let attempt = 1; ; attempt++) {
    try {
      return db.pragma(pragma) as CheckRow[];
    } catch (err) {
      const code = String((err as { code?: unknown }).code ?? '');
      if (code === 'SQLITE_SCHEMA' && attempt <= SCHEMA_RETRIES) continue;
      if (code === 'SQLITE_SCHEMA' || code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) throw err;
      // A badly damaged file fails the check itself (SQLITE_CORRUPT / NOTADB) instead of listing findings.
      return { failed: (err as Error).message };
    }
  }
}

export function runCheck(db: Pragmatic, mode: 'quick' | 'full'): { ok: boolean; messages: string[] } {
  const rows = checkRows(db, mode === 'quick' ? `quick_check(${MAX_MESSAGES})` : `integrity_check(${MAX_MESSAGES})`);
  if (!Array.isArray(rows)) return { ok: false, messages: [rows.failed] };
  // SQLite packs several findings into one row, separated by newlines, under a '*** in database main ***' title.
  const messages = rows
    .flatMap((r) => String(r.quick_check ?? r.integrity_check ?? Object.values(r)[0]).split('\n'))
    .map((m) => m.trim())
    .filter((m) => m !== '' && !/^\*\*\* in database \w+ \*\*\*$/.test(m));
  return { ok: messages.length === 1 && messages[0] === 'ok', messages };
}

export function corruptionMessage(file: string, findings: string[]): string {
  const first = findings.slice(0, 3).join('; ');
  return (
    `The database ${file} is damaged (${first}${findings.length > 3 ? '; …' : ''}). ` +
    'Restore it from a backup: `sc-audit-explorer backup apply <backup file>` (or Settings → Backups in the app), ' +
    'or restore a dump with `backup restore <dir>`.'
  );
}

/** Throws DB_CORRUPT with a message that says what to do, when quick_check finds anything. */
export function assertHealthy(db: Pragmatic, file: string): void {
  const { ok, messages } = runCheck(db, 'quick');
  if (!ok) throw new AppError('DB_CORRUPT', corruptionMessage(file, messages));
}
