/**
 * Errors that cross the API boundary (IPC, HTTP bridge, CLI) as `{ code, message }`.
 * Codes are stable: the UI and scripts act on them, so never rename one.
 */
export const ERROR_CODES = [
  'BAD_INPUT',
  'NOT_FOUND',
  'SYNC_RUNNING',
  'RATE_LIMITED',
  'SOURCE_ERROR',
  'DB_NEWER_VERSION',
  'DB_CORRUPT',
  'DATA_INCONSISTENT',
  'CANCELLED',
  'FORBIDDEN',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** An error whose code and message are safe to show to the user as they are. */
export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Turn anything thrown into the `{ code, message }` that crosses the boundary. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof AppError) return { code: err.code, message: err.message };
  if (err && typeof err === 'object' && 'code' in err && 'message' in err) {
    const { code, message } = err as { code: unknown; message: unknown };
    if (isErrorCode(code) && typeof message === 'string') return { code, message };
    // SQLite's "database is locked" after its busy timeout: another process holds the write lock far longer
    // than a catch-up's commit takes. Say so in words the user can act on.
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      return {
        code: 'SYNC_RUNNING',
        message: `The database is busy: another process (a catch-up, restore or backup) is writing to it and did not finish in time (${String(message)}). Try again when it is done.`,
      };
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message };
}
