import { AppError, type ErrorCode } from '../../../shared/errors.js';

/**
 * Runs `fn` for one source record; any failure is rethrown naming the step and the record, because
 * "is not a decimal" alone tells an auditor nothing about which transaction or certificate is wrong.
 */
export function forRecord<T>(step: string, record: string, fn: () => T, code: ErrorCode = 'DATA_INCONSISTENT'): T {
  try {
    return fn();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof AppError && (err.code === 'CANCELLED' || err.code === 'RATE_LIMITED' || err.code === 'SOURCE_ERROR')) throw err;
    throw new AppError(code, `${step}: ${record}: ${message}`);
  }
}

export function inconsistent(step: string, record: string, message: string): AppError {
  return new AppError('DATA_INCONSISTENT', `${step}: ${record}: ${message}`);
}
