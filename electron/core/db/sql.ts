import { AppError } from '../../../shared/errors.js';
import type { ReadDb } from './types.js';

/**
 * SQL as a tagged template, in Signal-Desktop's manner (ts/sql/util.ts): every interpolated value is bound to a
 * `?` placeholder, never spliced, unless it is itself a fragment built here. Identifiers (columns, tables, sort
 * directions) enter only through `sqlId` with an allow-list. A query is a fragment: `{ text, params }`.
 *
 *   const q = sql`SELECT ${columns} FROM sinking_txs ${where([sql`funder = ${funder}`, ...])} ORDER BY toid DESC`;
 *   db.prepare(q.text).all(...q.params);
 */
const FRAGMENT = Symbol('sqlFragment');

export interface SqlFragment {
  readonly [FRAGMENT]: true;
  readonly text: string;
  readonly params: readonly unknown[];
}

function fragment(text: string, params: readonly unknown[]): SqlFragment {
  return { [FRAGMENT]: true, text, params };
}

function isFragment(v: unknown): v is SqlFragment {
  return typeof v === 'object' && v !== null && FRAGMENT in v;
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  let text = strings[0] ?? '';
  const params: unknown[] = [];
  values.forEach((v, i) => {
    if (isFragment(v)) {
      text += v.text;
      params.push(...v.params);
    } else {
      text += '?';
      params.push(v);
    }
    text += strings[i + 1] ?? '';
  });
  return fragment(text, params);
}

export const EMPTY: SqlFragment = fragment('', []);

/** An identifier (or keyword) spliced into the text: only one of `allowed`, so a user's sort column cannot inject. */
export function sqlId<T extends string>(name: T, allowed: readonly T[]): SqlFragment {
  if (!allowed.includes(name)) throw new AppError('INTERNAL', `sql: ${JSON.stringify(name)} is not an allowed identifier`);
  return fragment(name, []);
}

/** Fragments separated by `separator` (a constant of the code, never user text). */
export function sqlJoin(parts: readonly SqlFragment[], separator = ', '): SqlFragment {
  return fragment(
    parts.map((p) => p.text).join(separator),
    parts.flatMap((p) => p.params),
  );
}

/** A condition, or a falsy value for one that does not apply (`f.kind && sql`kind = ${f.kind}``). */
export type Condition = SqlFragment | null | undefined | false | '' | 0;

/** The conditions that apply, joined with AND; null when none does. */
export function and(conds: readonly Condition[]): SqlFragment | null {
  const live = conds.filter((c): c is SqlFragment => isFragment(c));
  return live.length ? sqlJoin(live, ' AND ') : null;
}

/** `WHERE a AND b`, or nothing at all when no condition applies. */
export function where(conds: readonly Condition[]): SqlFragment {
  const all = and(conds);
  return all ? sql`WHERE ${all}` : EMPTY;
}

/** 'asc' | 'desc' → the keyword. */
export function direction(order: 'asc' | 'desc'): SqlFragment {
  return sqlId(order === 'desc' ? 'DESC' : 'ASC', ['ASC', 'DESC']);
}

/** The statement of a query, with INTEGER columns read as BigInt (TOIDs exceed 2^53; the row mappers expect it). */
export function prepareQuery(db: ReadDb, q: SqlFragment, opts: ReadOptions = {}) {
  return db.prepare(q.text).safeIntegers(opts.bigInts ?? true);
}

export interface ReadOptions {
  /** INTEGERs as BigInt (default true: the views' mappers expect it); the audit lists read plain numbers. */
  bigInts?: boolean;
}

/** Every row of a query, as objects. */
export function allRows(db: ReadDb, q: SqlFragment): Record<string, unknown>[] {
  return prepareQuery(db, q).all(...q.params) as Record<string, unknown>[];
}

/** The rows of a query one at a time (`.iterate()`): flat memory however many match. */
export function iterateRows(db: ReadDb, q: SqlFragment, opts: ReadOptions = {}): IterableIterator<Record<string, unknown>> {
  return prepareQuery(db, q, opts).iterate(...q.params) as IterableIterator<Record<string, unknown>>;
}
