import { type Command, InvalidArgumentError, Option } from 'commander';
import { isIsoDate } from '../../shared/isoDate.js';
import { isAccountId } from '../../shared/strkey.js';
import { OUTPUT_FORMATS } from './context.js';

/**
 * Argument parsers for commander: a bad value is refused while the command line is parsed, i.e. before any
 * database is opened, with one line naming the option (commander adds "option '--x <v>' argument … is invalid").
 */
export function parseIsoDateArg(value: string): string {
  if (!isIsoDate(value)) throw new InvalidArgumentError('expected a real date YYYY-MM-DD');
  return value;
}

export function parseAccountArg(value: string): string {
  if (!isAccountId(value)) throw new InvalidArgumentError('expected a Stellar account id (G…, 56 characters, valid checksum)');
  return value;
}

export function parseBoolArg(value: string): boolean {
  const v = value.toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new InvalidArgumentError('expected true or false');
}

export function parsePositiveIntArg(value: string): number {
  if (!/^[1-9]\d{0,8}$/.test(value)) throw new InvalidArgumentError('expected a whole number of at least 1');
  return Number(value);
}

export const formatOption = () => new Option('-f, --format <format>', 'output format').choices(OUTPUT_FORMATS).default('table');

/** Finds a command group another module may already have created (e.g. `view`), or creates it. */
export function commandGroup(parent: Command, name: string, description: string): Command {
  return parent.commands.find((c) => c.name() === name) ?? parent.command(name).description(description);
}

/** Writes to stdout and resolves once it is flushed, so piping into `head` or a file never loses the tail. */
export function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (err) => (err ? reject(err) : resolve())));
}
