import type { ReadDb } from '../../db/types.js';
import { listMarks } from '../reviewMarks.js';
import type { ReviewMark } from './types.js';

/**
 * The auditor's review marks and notes for the report, newest first as the marks query lists them: which row, the
 * status, the note, who marked it and when. The row state the mark pins is verify's business (its `review-marks`
 * check names every marked row that changed since), so the report lists the marks and that check's verdict.
 */
export function gatherReviewMarks(db: ReadDb): ReviewMark[] {
  return listMarks(db).map((m) => ({
    fields: [
      ['table', m.table],
      ['key', m.key],
      ['status', m.status],
      ['note', m.note ?? ''],
      ['actor', m.actor],
      ['marked at', m.markedAt],
    ],
  }));
}
