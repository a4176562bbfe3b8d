import { type Command, InvalidArgumentError, Option } from 'commander';
import type { ZodType } from 'zod';
import { isoDate, isoDateOrTime, saleParty } from '../../shared/api/fields.js';
import { strptimeDay } from '../../shared/isoDate.js';
import { OUTPUT_FORMATS, type OutputFormat } from './context.js';

/**
 * Argument parsers for commander: a bad value is refused while the command line is parsed, i.e. before any
 * database is opened, with one line naming the option (commander adds "option '--x <v>' argument … is invalid").
 * They take sc-audit's spellings too (its click types), so scripts written for sc-audit run unchanged.
 */

/**
 * Checks a value with the contract's own field schema (shared/api/fields.ts): the CLI and the API refuse the same
 * values with the same message, and commander adds the option's name.
 */
export function checkField<T>(field: ZodType<T>, value: unknown, hint = ''): T {
  const r = field.safeParse(value);
  if (!r.success) throw new InvalidArgumentError(`${r.error.issues[0]?.message ?? 'invalid value'}${hint}`);
  return r.data;
}

/**
 * A day, as sc-audit's `%Y-%m-%d` takes it ('2024-1-5' too): normalised to 'YYYY-MM-DD' by the sc-audit date
 * parser, then checked by the API's date field. The CLI's one day parser.
 */
export function parseDayArg(value: string): string {
  // What strptime refuses (year 0 too) becomes '', which the date field refuses with its own message.
  return checkField(isoDate, strptimeDay(value) ?? '', ' (month and day may have one digit, as in 2024-1-5)');
}

/** A day or a day and UTC time (the audit views' --since/--until): the API's audit bound field. */
export function parseDateOrTimeArg(value: string): string {
  return checkField(isoDateOrTime, value);
}

/** A sale's funder or recipient: an account (G…) or, for contract-call sales, a contract (C…). */
export function parseSaleAddressArg(value: string): string {
  return checkField(saleParty, value);
}

/** click's boolean spellings (a Map: a plain object would also "hold" 'constructor' and '__proto__'). */
const BOOLEAN_SPELLINGS = new Map<string, boolean>([
  ['true', true],
  ['false', false],
  ['1', true],
  ['0', false],
  ['yes', true],
  ['no', false],
  ['y', true],
  ['n', false],
  ['on', true],
  ['off', false],
  ['t', true],
  ['f', false],
]);

/** What Python's str.strip() removes, which click does before reading a boolean ('\ufeff' is not among them). */
const PY_SPACE = '[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const PY_STRIP_RE = new RegExp(`^${PY_SPACE}+|${PY_SPACE}+$`, 'g');

export function parseBoolArg(value: string): boolean {
  const b = BOOLEAN_SPELLINGS.get(value.replace(PY_STRIP_RE, '').toLowerCase());
  if (b === undefined) throw new InvalidArgumentError('expected a boolean: true/false, 1/0, yes/no, y/n, on/off or t/f (any case)');
  return b;
}

export function parsePositiveIntArg(value: string): number {
  if (!/^[1-9]\d{0,8}$/.test(value)) throw new InvalidArgumentError('expected a whole number of at least 1');
  return Number(value);
}

/**
 * `-f, --format`: one of `formats`, in any case, or `df` (sc-audit's default, its pandas table), which is our table.
 * The action sees the format itself ('table' for df).
 */
export function formatOption(formats: readonly OutputFormat[] = OUTPUT_FORMATS): Option {
  const spellings = [...formats, 'df'];
  return new Option('-f, --format <format>', 'output format (df = table, as in sc-audit)')
    .choices(spellings)
    .argParser((value: string) => {
      const wanted = value.toLowerCase() === 'df' ? 'table' : value.toLowerCase();
      const format = formats.find((f) => f === wanted);
      if (format === undefined) throw new InvalidArgumentError(`Allowed choices are ${spellings.join(', ')} (any case).`);
      return format;
    })
    .default('table');
}

/** Finds a command group another module may already have created (e.g. `view`), or creates it. */
export function commandGroup(parent: Command, name: string, description: string): Command {
  return parent.commands.find((c) => c.name() === name) ?? parent.command(name).description(description);
}

/** Writes to stdout and resolves once it is flushed, so piping into `head` or a file never loses the tail. */
export function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (err) => (err ? reject(err) : resolve())));
}

/** `--no-verify`: skip the verify that follows a catch-up, bootstrap or restore (commander sets `verify: false`). */
export function noVerifyOption(): Option {
  return new Option('--no-verify', "don't run verify's offline checks afterwards (they run by default, as their own operation)");
}
