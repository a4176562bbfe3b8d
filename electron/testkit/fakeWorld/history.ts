import type { HorizonHistory, World } from './world.js';

const DAY_MS = 86_400_000;

/**
 * A copy of the world whose Horizon has pruned every ledger below `elderLedger` (the records stay in the world;
 * the server stops serving them). mode 'clamp' is SDF's public Horizon since 2024, '410' some other pruned ones.
 */
export function prunedWorld<W extends World>(world: W, elderLedger: number, mode: HorizonHistory['mode'] = 'clamp'): W {
  return { ...world, horizon: { ...world.horizon, history: { elderLedger, mode } } };
}

/**
 * The ledger just after `date`: that of the oldest payment record (any account) created after it, or the world's
 * latestLedger when none is. A bare date (YYYY-MM-DD) means after that whole day (UTC); a datetime (with or without
 * Z) means strictly after that instant. Used as an elder ledger it prunes everything up to `date`, nothing later.
 */
export function ledgerAfter(world: World, date: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return firstLedgerFrom(world, parseUtc(`${date}T00:00:00Z`) + DAY_MS);
  return firstLedgerFrom(world, parseUtc(date) + 1);
}

/** created_at of the world's newest payment record (Horizon's 'YYYY-MM-DDTHH:MM:SSZ'), or null in an empty world. */
export function newestRecordDate(world: World): string | null {
  let newest: { ms: number; text: string } | null = null;
  for (const rs of Object.values(world.horizon.payments)) {
    for (const r of rs) {
      const ms = parseUtc(r.created_at);
      if (newest === null || ms > newest.ms) newest = { ms, text: r.created_at };
    }
  }
  return newest?.text ?? null;
}

/**
 * The elder ledger of a Horizon that keeps `days` days before the world's newest record (public Horizon: about
 * 365): the ledger of the oldest record created at or after that instant. Full history (1) in an empty world.
 */
export function elderLedgerKeeping(world: World, days: number): number {
  const newest = newestRecordDate(world);
  if (newest === null) return 1;
  return firstLedgerFrom(world, parseUtc(newest) - days * DAY_MS);
}

/** The ledger of the oldest record created at or after `ms`, else latestLedger. */
function firstLedgerFrom(world: World, ms: number): number {
  let first: bigint | null = null;
  for (const rs of Object.values(world.horizon.payments)) {
    for (const r of rs) {
      if (parseUtc(r.created_at) < ms) continue;
      const t = BigInt(r.paging_token);
      if (first === null || t < first) first = t;
    }
  }
  return first === null ? world.horizon.latestLedger : Number(first >> 32n);
}

function parseUtc(text: string): number {
  const ms = Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(text) ? text : `${text}Z`);
  if (Number.isNaN(ms)) throw new Error(`not a date: ${JSON.stringify(text)}`);
  return ms;
}
