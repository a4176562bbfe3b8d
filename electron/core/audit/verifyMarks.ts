import { parse as parseLossless, stringify as stringifyLossless } from 'lossless-json';
import type { CheckResult } from '../../../shared/api/audit.js';
import type { MarkableTable, ReviewMark } from '../../../shared/api/marks.js';
import type { ReadDb } from '../db/types.js';
import { listMarks, rowState } from './reviewMarks.js';
import { Check } from './verifyCheck.js';

const NOUN: Record<MarkableTable, string> = { sinking_txs: 'sale', retirements: 'retirement', minted_blocks: 'block' };

/** The columns whose values differ between two row states (the change log's JSON; TOIDs kept exact). */
export function changedFields(before: string | null, after: string | null): string[] {
  if (before === null || after === null) return [];
  try {
    const a = parseLossless(before) as Record<string, unknown>;
    const b = parseLossless(after) as Record<string, unknown>;
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => stringifyLossless(a[k]) !== stringifyLossless(b[k]));
  } catch {
    return [];
  }
}

interface LoggedChange {
  seq: number;
  kind: string;
  operation_id: string | null;
  op_kind: string | null;
  before_json: string | null;
  after_json: string | null;
}

function markText(m: ReviewMark): string {
  return `${NOUN[m.table]} ${m.key} marked ${m.status} by ${m.actor} at ${m.markedAt}${m.note ? ` ("${m.note}")` : ''}`;
}

function changeText(c: LoggedChange): string {
  const by = c.operation_id ? `${c.op_kind ?? 'operation'} ${c.operation_id}` : 'no operation';
  const fields = changedFields(c.before_json, c.after_json);
  return `seq ${c.seq} ${c.kind} by ${by}${fields.length ? ` (${fields.join(', ')})` : ''}`;
}

/**
 * 16. Review marks still hold: a marked row that changed after its mark (by a catch-up, restore or edit) is named
 * with the mark (who, when, note) and the change (its seq, operation and fields); a change the log does not hold
 * (made behind the app's back) is named with the fields that differ. Findings: the auditor looks again.
 */
export function checkReviewMarks(db: ReadDb): CheckResult {
  const c = new Check('review-marks', 'Rows marked as reviewed are unchanged since their mark', 'findings');
  const markSeq = db.prepare(`SELECT max(seq) FROM audit_changes WHERE table_name = 'review_marks' AND record_key = ?`).pluck();
  const later = db.prepare(
    `SELECT c.seq, c.kind, c.operation_id, e.kind AS op_kind, c.before_json, c.after_json FROM audit_changes c
       LEFT JOIN audit_operation_events e ON e.operation_id = c.operation_id AND e.event = 'start'
      WHERE c.table_name = ? AND c.record_key = ? AND c.seq > ? ORDER BY c.seq`,
  );
  const stateAt = db.prepare(`SELECT json_extract(after_json, '$.row_state') FROM audit_changes WHERE seq = ?`).pluck();
  for (const m of listMarks(db)) {
    const seq = (markSeq.get(`${m.table}/${m.key}`) as number | null) ?? 0;
    // The state the chain logged with the mark (the live mark row could itself have been edited behind the app's back).
    const marked = (stateAt.get(seq) as string | null) ?? null;
    const now = rowState(db, m.table, m.key);
    if (marked !== null && now === marked) continue;
    const changes = (later.all(m.table, m.key, seq) as LoggedChange[]).filter((x) => x.before_json !== x.after_json);
    const what = changes.length
      ? `changed after the mark: ${changes.map(changeText).join('; ')}`
      : now === null
        ? 'is gone, and no logged change removed it (deleted behind the app\'s back)'
        : `differs from its state at the mark with no logged change (changed behind the app's back): ${changedFields(marked, now).join(', ') || 'the row'}`;
    c.add(m.table, m.key, `${markText(m)} ${what}`);
  }
  c.headline = `${c.count} marked ${c.count === 1 ? 'row' : 'rows'} changed after the mark`;
  return c.result();
}
