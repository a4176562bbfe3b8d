import { and, EMPTY, sql, type SqlFragment } from '../db/sql.js';

/**
 * The change log's time filter as seq bounds (migration 009). The list is newest first by seq, the filter is on
 * changed_at, the writer's clock, which can step back: audit_change_stepback lists every change dated earlier than
 * an earlier one. Every other change is dated no earlier than all before it, so among them changed_at rises with seq:
 * - until T: every change up to the last other change before T (found walking idx_ac_time down from T, past
 *   step-backs) is before T — itself, the other changes before it, and step-backs, dated before an earlier change —
 *   so that part is a seq range, walked without skipping; after it only step-backs can be before T: a second,
 *   small part. Both come out by seq and are merged (UNION ALL of disjoint parts, ORDER BY seq).
 * - since S: no change before the first other change from S (walking idx_ac_time up) is from S (a step-back is
 *   dated before an earlier change, all of them before S), so the walk stops there instead of at the oldest change.
 * The time filter itself still decides every row (`changed_at` conditions in the caller); these only bound the walk.
 */
export interface ChangeTimeBounds {
  /** The seq range holding every change of the filter except the step-backs after it (and the page's cursor). */
  inOrder: SqlFragment;
  /** The step-backs after that range (until only), or null. */
  stepBacks: SqlFragment | null;
}

const NOT_STEPPED = sql`seq NOT IN (SELECT seq FROM audit_change_stepback)`;

/** `before` = the page's cursor: one upper bound with the time's (min of both), so SQLite walks from the tighter. */
export function changeTimeBounds(since: string | null, until: string | null, before: number | null): ChangeTimeBounds {
  const first = since === null ? null : sql`(SELECT seq FROM audit_changes WHERE changed_at >= ${since} AND ${NOT_STEPPED} ORDER BY changed_at, seq LIMIT 1)`;
  const last = (u: string) => sql`(SELECT seq FROM audit_changes WHERE changed_at < ${u} AND ${NOT_STEPPED} ORDER BY changed_at DESC, seq DESC LIMIT 1)`;
  const upper = until === null ? (before === null ? null : sql`${before}`) : before === null ? sql`${last(until)} + 1` : sql`min(${before}, ${last(until)} + 1)`;
  const range = and([first && sql`seq >= ${first}`, upper && sql`seq < ${upper}`]) ?? sql`1`;
  if (until === null) return { inOrder: range, stepBacks: null };
  const cursor = before === null ? EMPTY : sql` AND seq < ${before}`;
  return { inOrder: range, stepBacks: sql`seq IN (SELECT seq FROM audit_change_stepback WHERE seq > coalesce(${last(until)}, 0)${cursor})` };
}
