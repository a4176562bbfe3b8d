import { CommanderError } from 'commander';
import { AppError } from '../../shared/errors.js';

/** Exit codes: 0 ok, 1 a check or operation failed, 2 bad usage/input. */
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

/** Prints one line on stderr and returns the exit code for an error thrown by a command. */
export function reportCliError(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
  if (err instanceof AppError) {
    process.stderr.write(`error: ${err.message}\n`);
    return err.code === 'BAD_INPUT' ? EXIT_BAD_INPUT : EXIT_FAILURE;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`error: ${message}\n`);
  if (process.env.SC_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  return EXIT_FAILURE;
}
