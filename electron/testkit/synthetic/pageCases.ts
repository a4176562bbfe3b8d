import { listChanges, listOperations, recordHistory } from '../../core/audit/queries.js';
import type { ReadDb } from '../../core/db/types.js';
import { getBlock } from '../../core/views/block.js';
import { listDistributionTxs } from '../../core/views/distributionTxs.js';
import { getRetirement, listRetirements } from '../../core/views/retirements.js';
import { getSinkingTx, listSinkingTxs } from '../../core/views/sinkingTxs.js';
import { DEFAULT_PAGE_SIZE } from '../../../shared/api/views.js';
import { blockHash, type SyntheticFacts } from './generate.js';

/**
 * Every query behind a table of the app, as the handlers call it: first page, a deep keyset page, each filter,
 * both orders of the (one) sortable column, and the detail lookups a row click does. Shared by the benchmark
 * (timings) and the query-plan test (EXPLAIN QUERY PLAN must use an index).
 *
 * Allowed plan shapes besides a SEARCH/SCAN using an index without a sort:
 * - `walk`: the page walks a table in its integer-primary-key order (the page order) and stops after one page,
 *   so a plain "SCAN t" is allowed (with a date filter it may skip rows first: the benchmark times it);
 * - `sortsRange`: a bounded range (one month, a name prefix) is found through its index and only its matches are
 *   sorted into page order.
 */
export interface PageCase {
  table: string;
  name: string;
  walk?: boolean;
  sortsRange?: boolean;
  /** A detail lookup (one record and its few related rows): sorting those few rows is fine. */
  detail?: boolean;
  run(db: ReadDb): unknown;
}

type Shape = Pick<PageCase, 'walk' | 'sortsRange'>;
const WALK: Shape = { walk: true };
const RANGE: Shape = { sortsRange: true };
const limit = DEFAULT_PAGE_SIZE;
const AUDIT_LIMIT = 200;

/** A day in the middle of the data, and the month after it. */
function middle(f: SyntheticFacts): { day: string; monthEnd: string } {
  const a = Date.parse(`${f.firstSaleAt}Z`);
  const b = Date.parse(`${f.lastSaleAt}Z`);
  const mid = new Date((a + b) / 2);
  const end = new Date(mid.getTime() + 30 * 86_400_000);
  return { day: mid.toISOString().slice(0, 10), monthEnd: end.toISOString().slice(0, 10) };
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export function pageCases(f: SyntheticFacts): PageCase[] {
  const { day, monthEnd } = middle(f);
  const firstDay = f.firstSaleAt.slice(0, 10);
  const lastDay = nextDay(f.lastSaleAt.slice(0, 10));
  const sinks = (name: string, q: Parameters<typeof listSinkingTxs>[1], shape: Shape = {}): PageCase => ({
    table: 'sinking txs',
    name,
    ...shape,
    run: (db) => listSinkingTxs(db, { limit, ...q }),
  });
  const rets = (name: string, q: Parameters<typeof listRetirements>[1], shape: Shape = {}): PageCase => ({
    table: 'retirements',
    name,
    ...shape,
    run: (db) => listRetirements(db, { limit, ...q }),
  });
  const dists = (name: string, q: Parameters<typeof listDistributionTxs>[1], shape: Shape = {}): PageCase => ({
    table: 'distribution txs',
    name,
    ...shape,
    run: (db) => listDistributionTxs(db, { limit, ...q }),
  });
  const changes = (name: string, q: Parameters<typeof listChanges>[1], shape: Shape = {}): PageCase => ({
    table: 'audit changes',
    name,
    ...shape,
    run: (db) => listChanges(db, { limit: AUDIT_LIMIT, ...q }),
  });
  const ops = (name: string, q: Parameters<typeof listOperations>[1], shape: Shape = {}): PageCase => ({
    table: 'audit operations',
    name,
    ...shape,
    run: (db) => listOperations(db, { limit: AUDIT_LIMIT, ...q }),
  });
  return [
    sinks('first page (newest first)', { order: 'desc' }),
    sinks('first page (oldest first)', { order: 'asc' }),
    sinks('deep page (desc)', { order: 'desc', cursor: f.middleToid }),
    sinks('deep page (asc)', { order: 'asc', cursor: f.middleToid }),
    sinks('funder', { funder: f.busyFunder }),
    sinks('funder, oldest first', { funder: f.busyFunder, order: 'asc' }),
    sinks('funder, deep page', { funder: f.busyFunder, cursor: f.middleToid }),
    sinks('recipient', { recipient: f.busyRecipient }),
    sinks('recipient, oldest first', { recipient: f.busyRecipient, order: 'asc' }),
    sinks('from date', { fromDate: day }),
    sinks('from date, oldest first', { fromDate: day, order: 'asc' }),
    sinks('before date', { beforeDate: day }),
    sinks('before date, oldest first', { beforeDate: day, order: 'asc' }),
    sinks('one month', { fromDate: day, beforeDate: monthEnd }),
    sinks('one month, oldest first', { fromDate: day, beforeDate: monthEnd, order: 'asc' }),
    // Date-bounded pages walk (created_at, toid); a deep page's cursor, not the date on its side, bounds the walk.
    sinks('from date, deep page', { fromDate: firstDay, cursor: f.middleToid }),
    sinks('before date, deep page (asc)', { beforeDate: lastDay, order: 'asc', cursor: f.middleToid }),
    sinks('finalized', { finalized: true }),
    sinks('not finalized', { finalized: false }),
    sinks('not finalized, oldest first', { finalized: false, order: 'asc' }),
    sinks('finalized, deep page', { finalized: true, cursor: f.middleToid }),
    sinks('contract call', { contractCall: true }),
    sinks('contract call, oldest first', { contractCall: true, order: 'asc' }),
    sinks('not a contract call', { contractCall: false }),
    // The memo filter is a substring match: its trigram index (sale_memo, migration 007) walks the matches in toid order.
    sinks('memo contains (common)', { memo: 'stellarcarbon' }),
    sinks('memo contains (rare)', { memo: `stellarcarbon ${Math.floor(f.saleCount / 2)}` }),
    { table: 'sinking txs', name: 'detail (row click)', detail: true, run: (db) => getSinkingTx(db, f.middleChangeKey) },

    rets('first page (highest first)', { order: 'desc' }, WALK),
    rets('first page (lowest first)', { order: 'asc' }, WALK),
    rets('deep page (desc)', { order: 'desc', cursor: f.middleCertificate }),
    rets('deep page (asc)', { order: 'asc', cursor: f.middleCertificate }),
    rets('beneficiary prefix (name)', { beneficiary: 'Company 12' }, RANGE),
    rets('beneficiary prefix (account)', { beneficiary: f.busyRecipient.slice(0, 12) }, RANGE),
    rets('beneficiary, lowest first', { beneficiary: 'Company 12', order: 'asc' }, RANGE),
    // A date bound also bounds the certificates walked (migration 009's date records): no walk past every newer one.
    rets('from date', { fromDate: day }),
    rets('from date, lowest first', { fromDate: day, order: 'asc' }),
    rets('before date', { beforeDate: day }),
    rets('before date, lowest first', { beforeDate: day, order: 'asc' }),
    rets('one month', { fromDate: day, beforeDate: monthEnd }),
    rets('project', { project: 1360 }),
    { table: 'retirements', name: 'detail (row click)', detail: true, run: (db) => getRetirement(db, f.middleCertificate) },

    // A block row click: views.block reads one block by its key and the retirements drawn from it.
    { table: 'inventory', name: 'block detail (row click)', detail: true, run: (db) => getBlock(db, blockHash(1)) },

    dists('first page (newest first)', { order: 'desc' }, WALK),
    dists('first page (oldest first)', { order: 'asc' }, WALK),
    dists('deep page (desc)', { order: 'desc', cursor: f.middleToid }),
    dists('recipient', { recipient: f.busyRecipient }),
    dists('recipient, oldest first', { recipient: f.busyRecipient, order: 'asc' }),
    dists('from date', { fromDate: day }),
    dists('before date', { beforeDate: day }),
    dists('one month', { fromDate: day, beforeDate: monthEnd }),
    dists('from date, deep page', { fromDate: firstDay, cursor: f.middleToid }),

    changes('first page', {}, WALK),
    changes('deep page', { before: f.middleChangeSeq }),
    changes('table', { table: 'sinking_txs' }),
    changes('table (rare)', { table: 'retirements' }),
    changes('record key', { table: 'sinking_txs', key: f.middleChangeKey }),
    changes('operation', { operationId: f.middleOperationId }),
    // A time bound also bounds the seqs walked (migration 009's clock step-backs, audit/changeBounds.ts).
    changes('since', { since: day }),
    changes('until', { until: day }),
    changes('until, deep page', { until: day, before: Math.floor(f.middleChangeSeq / 2) }),
    changes('since and until', { since: firstDay, until: day }),
    { table: 'audit changes', name: 'record history', detail: true, run: (db) => recordHistory(db, 'sinking_txs', f.middleChangeKey) },

    ops('first page', {}, WALK),
    ops('kind', { kind: 'catch-up' }),
    ops('status', { status: 'ok' }),
    ops('since', { since: day }),
  ];
}

/** The statements a case runs, with their arguments (read through a recording wrapper around the real handle). */
export interface RanStatement {
  sql: string;
  args: unknown[];
}

export function recordStatements(db: ReadDb, run: (db: ReadDb) => unknown): RanStatement[] {
  const ran: RanStatement[] = [];
  const wrap = <S extends object>(sql: string, stmt: S): S =>
    new Proxy(stmt, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (typeof v !== 'function') return v;
        if (prop === 'all' || prop === 'get' || prop === 'iterate' || prop === 'run') {
          return (...args: unknown[]) => {
            ran.push({ sql, args });
            return (v as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        // Chained modifiers (safeIntegers, pluck, raw) return the statement itself: keep recording.
        return (...args: unknown[]) => {
          const out = (v as (...a: unknown[]) => unknown).apply(target, args);
          return out === target ? wrap(sql, target) : out;
        };
      },
    });
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'prepare') return (sql: string) => wrap(sql, target.prepare(sql));
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  run(proxy);
  return ran;
}
