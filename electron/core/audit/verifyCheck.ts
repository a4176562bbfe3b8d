import type { CheckResult, CheckStatus, Offender } from '../../../shared/api/audit.js';
import type { ReadDb } from '../db/types.js';
import { CARBON_SCALE, formatDecimal } from '../domain/amount.js';

/** Offenders kept per check (the count is always complete). */
export const MAX_OFFENDERS = 200;

/** One verify check's tally: every offender counted, the first MAX_OFFENDERS kept. */
export class Check {
  count = 0;
  readonly offenders: Offender[] = [];
  headline: string | undefined;
  listParams: Record<string, string> | undefined;
  constructor(
    readonly id: string,
    readonly title: string,
    private readonly failStatus: CheckStatus = 'fail',
  ) {}
  add(table: string | null, key: string | number | null, message: string): void {
    this.count++;
    if (this.offenders.length < MAX_OFFENDERS) this.offenders.push({ table, key: key == null ? null : String(key), message });
  }
  /** One offender per row of `query` (the check's SQL finds them; the key and message name each). */
  addRows<R>(db: ReadDb, query: string, table: string, key: (r: R) => string | number, message: (r: R) => string): void {
    for (const r of db.prepare(query).all() as R[]) this.add(table, key(r), message(r));
  }
  result(): CheckResult {
    const r: CheckResult = { id: this.id, title: this.title, status: this.count ? this.failStatus : 'pass', count: this.count, offenders: this.offenders };
    if (this.count && this.headline) r.headline = this.headline;
    if (this.listParams) r.listParams = this.listParams;
    return r;
  }
}

/** Kilograms as tonnes, for the checks' messages. */
export const t = (kg: number | bigint): string => `${formatDecimal(BigInt(kg), CARBON_SCALE)} t`;
