import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isIsoDate } from '../../../shared/isoDate.js';
import { contract, METHOD_NAMES, type MethodName } from '../../../shared/contract.js';
import { AppError } from '../../../shared/errors.js';
import { isAccountId, isContractId } from '../../../shared/strkey.js';
import { DATA_TABLES, type DataTable } from '../db/migrations/index.js';
import { parseDumpText } from '../dump/readDump.js';
import { DUMP_TABLES } from '../db/schema.js';
import { accountId, contractId } from '../../testkit/synthetic/strkeys.js';
import { hasShared, SC_DATA_DIR } from '../../testkit/sharedDir.js';
import { dispatch } from './dispatch.js';
import type { Handlers } from './handlerTypes.js';

/**
 * Property tests: random values thrown at every validator of the API contract and at the dump (NDJSON) reader.
 * A validator may accept or refuse, but never throw, never let a handler run on refused input, and always name
 * what is wrong; the dump reader either decodes a line or refuses it naming file:line (and the column).
 */

const RUNS = 300;

/** Handlers that only count calls: nothing can be written, and we see whether refused input got through. */
function countingHandlers(): { handlers: Handlers; calls: string[] } {
  const calls: string[] = [];
  const handlers = new Proxy({} as Handlers, {
    get: (_t, name: string) => () => {
      calls.push(name);
      return null;
    },
  });
  return { handlers, calls };
}

/** Strkeys as callers send them: valid accounts and contracts, and the same with one character changed. */
const strkeyLike = fc
  .tuple(fc.string({ maxLength: 8 }), fc.boolean(), fc.nat(55), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'), fc.boolean())
  .map(([seed, contract, pos, ch, corrupt]) => {
    const id = contract ? contractId(seed) : accountId(seed);
    return corrupt ? id.slice(0, pos) + ch + id.slice(pos + 1) : id;
  });

/** Values a hostile or buggy caller might send: anything JSON can carry, plus near-misses of real params. */
const nearMiss = fc.oneof(
  strkeyLike,
  fc.constantFrom('', ' ', '0', '-1', '1e309', 'NaN', '../../etc/passwd', 'C:\\x', '\u0000', '\u202e', '2023-02-29', 'desc; DROP TABLE x'),
  fc.constantFrom(0, -1, 1.5, 1001, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, -0, Infinity, NaN),
  fc.string({ maxLength: 80 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const paramsLike = fc.oneof(
  fc.jsonValue(),
  fc.anything(),
  fc.dictionary(
    fc.constantFrom('limit', 'cursor', 'order', 'fromDate', 'beforeDate', 'funder', 'recipient', 'path', 'view', 'format', 'filters', 'target', 'dryRun', 'hash', 'certificateId', 'jobId', 'full', 'sort', 'column'),
    nearMiss,
  ),
);

describe('contract validators under random input', () => {
  it.each(METHOD_NAMES)('%s: refuses bad params with BAD_INPUT naming them, before its handler', async (name: MethodName) => {
    const schema = contract[name].params;
    await fc.assert(
      fc.asyncProperty(paramsLike, async (params) => {
        const parsed = schema.safeParse(params ?? {}); // must not throw (dispatch reads a missing body as {})
        const { handlers, calls } = countingHandlers();
        const res = await dispatch(handlers, name, params, { via: 'test' });
        if (parsed.success) {
          expect(calls).toEqual([name]);
        } else {
          expect(calls).toEqual([]);
          expect(res.ok).toBe(false);
          if (!res.ok) {
            expect(res.error.code).toBe('BAD_INPUT');
            expect(res.error.message).toMatch(new RegExp(`^Invalid parameters for ${name.replace('.', '\\.')}: \\S`));
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('accepts exactly the account ids with a valid checksum: any one-character change is refused', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), fc.nat(55), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'), (seed, pos, ch) => {
        const id = accountId(seed);
        expect(isAccountId(id)).toBe(true);
        const changed = id.slice(0, pos) + ch + id.slice(pos + 1);
        if (changed !== id) expect(isAccountId(changed)).toBe(false);
        expect(isAccountId(id.toLowerCase())).toBe(false);
        expect(isAccountId(id.slice(1))).toBe(false);
        expect(isAccountId(`${id}A`)).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it('takes a contract (C…) as a sale funder or recipient, never as a distribution recipient; a changed one is refused naming the field', () => {
    const sinks = contract['views.sinkingTxs'].params;
    const stats = contract['views.stats'].params;
    const distribution = contract['views.distributionTxs'].params;
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), fc.nat(55), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'), (seed, pos, ch) => {
        const id = contractId(seed);
        expect(isContractId(id)).toBe(true);
        expect(isAccountId(id)).toBe(false);
        expect(sinks.safeParse({ funder: id, recipient: id }).success).toBe(true);
        expect(stats.safeParse({ recipient: id }).success).toBe(true);
        expect(distribution.safeParse({ recipient: id }).success).toBe(false);
        const changed = id.slice(0, pos) + ch + id.slice(pos + 1);
        if (changed === id) return;
        for (const field of ['funder', 'recipient']) {
          const r = sinks.safeParse({ [field]: changed });
          expect(r.success).toBe(false);
          expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual([field]);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('accepts exactly the real calendar days YYYY-MM-DD', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const probe = new Date(Date.UTC(2000, m - 1, d));
        probe.setUTCFullYear(y);
        const real = m >= 1 && m <= 12 && d >= 1 && probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
        expect(isIsoDate(text)).toBe(real);
      }),
      { numRuns: RUNS },
    );
    fc.assert(
      fc.property(fc.string(), (s) => {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) expect(isIsoDate(s)).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it('bounds the page size and allows only the listed sort orders', () => {
    const schema = contract['views.sinkingTxs'].params;
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double()), (limit) => {
        expect(schema.safeParse({ limit }).success).toBe(Number.isInteger(limit) && limit >= 1 && limit <= 1000);
      }),
      { numRuns: RUNS },
    );
    fc.assert(
      fc.property(fc.string(), (order) => {
        expect(schema.safeParse({ order }).success).toBe(order === 'asc' || order === 'desc');
      }),
      { numRuns: RUNS },
    );
  });
});

/** Real dump lines to mutate (the published sc-data dumps, read in place). */
function realLines(table: DataTable): string[] {
  if (!hasShared) return [];
  return fs
    .readFileSync(path.join(SC_DATA_DIR, `${table}.ndjson`), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
}

describe.skipIf(!hasShared)('NDJSON dump reader under random input', () => {
  const tables = DATA_TABLES.filter((t) => realLines(t).length > 0);
  const lines = Object.fromEntries(tables.map((t) => [t, realLines(t)])) as Record<DataTable, string[]>;

  /** A line: real, or real with one edit (drop/add/retype a value, cut, insert noise), or pure noise. */
  const lineFor = (table: DataTable) =>
    fc.oneof(
      fc.constantFrom(...lines[table]),
      fc.tuple(fc.constantFrom(...lines[table]), fc.nat(), fc.string({ maxLength: 6 })).map(([l, at, noise]) => {
        const i = at % (l.length + 1);
        return l.slice(0, i) + noise + l.slice(i);
      }),
      fc.tuple(fc.constantFrom(...lines[table]), fc.nat()).map(([l, at]) => l.slice(0, at % (l.length + 1))),
      fc.tuple(fc.constantFrom(...lines[table]), fc.nat(), fc.jsonValue()).map(([l, at, v]) => {
        const arr = JSON.parse(l) as unknown[];
        arr[at % (arr.length + 1)] = v; // replaces a value, or appends one (wrong column count)
        return JSON.stringify(arr);
      }),
      fc.tuple(fc.constantFrom(...lines[table]), fc.nat()).map(([l, at]) => {
        const arr = JSON.parse(l) as unknown[];
        arr.splice(at % arr.length, 1);
        return JSON.stringify(arr);
      }),
      fc.string({ maxLength: 40 }),
      fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
    );

  it.each(tables)('%s: decodes each line or refuses it naming file:line', (table) => {
    fc.assert(
      fc.property(fc.array(lineFor(table), { minLength: 1, maxLength: 5 }), (ls) => {
        const text = ls.join('\n');
        let rows;
        try {
          rows = parseDumpText(text, table, `${table}.ndjson`);
        } catch (err) {
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).code).toBe('BAD_INPUT');
          const m = /^(\w+)\.ndjson:(\d+): (.+)$/s.exec((err as AppError).message);
          expect(m?.[1]).toBe(table);
          const bad = Number(m?.[2]);
          expect(bad).toBeGreaterThanOrEqual(1);
          expect(bad).toBeLessThanOrEqual(ls.length);
          expect(m?.[3]).toMatch(/^(malformed JSON|expected a JSON array|\d+ values, but \w+ has \d+( or \d+)* columns|column \w+: )/);
          return;
        }
        expect(rows.length).toBe(ls.filter((l) => l.trim() !== '').length);
        for (const r of rows) expect(r.values).toHaveLength(DUMP_TABLES[table].columns.length);
      }),
      { numRuns: RUNS },
    );
  });
});
