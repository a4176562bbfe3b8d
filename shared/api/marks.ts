import { z } from 'zod';
import { method } from '../contractKit.js';

/**
 * The auditor's review marks: a sale, retirement or block marked as reviewed (or questioned), with a note. A mark
 * is an audit-log entry (hash-chained, attributed to the actor); verify names a marked row that changed later.
 */
export const MARKABLE_TABLES = ['sinking_txs', 'retirements', 'minted_blocks'] as const;
export type MarkableTable = (typeof MARKABLE_TABLES)[number];
export const MARK_STATUSES = ['reviewed', 'questioned'] as const;
export type MarkStatus = (typeof MARK_STATUSES)[number];

export interface ReviewMark {
  table: MarkableTable;
  /** The row's key as the change log writes it: a sale's hash, a retirement's certificate id, a block's serial hash. */
  key: string;
  status: MarkStatus;
  note: string | null;
  actor: string;
  markedAt: string;
  operationId: string | null;
}

const markTarget = { table: z.enum(MARKABLE_TABLES), key: z.string().trim().min(1).max(128) };

export const marksMethods = {
  /** Marks one row (replacing its earlier mark), as a recorded operation (kind 'review-mark'). */
  'marks.set': method<ReviewMark>()(
    z.object({ ...markTarget, status: z.enum(MARK_STATUSES).default('reviewed'), note: z.string().max(2000).optional() }).strict(),
  ),
  /** Removes a row's mark (the removal is logged too). */
  'marks.clear': method<{ cleared: boolean }>()(z.object(markTarget).strict()),
  /** Every mark, or those of one table; newest first. */
  'marks.list': method<ReviewMark[]>()(z.object({ table: z.enum(MARKABLE_TABLES).optional() }).strict()),
};
