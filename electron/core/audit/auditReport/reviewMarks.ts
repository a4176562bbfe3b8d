import type { ReadDb } from '../../db/types.js';
import type { ReviewMark } from './types.js';

/**
 * The auditor's review marks and notes for the report. Null when the database has no review_marks table (it comes
 * with the review-marks migration); the report then says so. This is the one function to complete once that table
 * has its own query module: until then every column of every row is shown as stored, oldest first.
 */
export function gatherReviewMarks(db: ReadDb): ReviewMark[] | null {
  const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'review_marks'`).pluck().get();
  if (!exists) return null;
  const rows = db.prepare('SELECT * FROM review_marks ORDER BY rowid').safeIntegers(true).all() as Record<string, unknown>[];
  return rows.map((row) => ({ fields: Object.entries(row).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]) }));
}
