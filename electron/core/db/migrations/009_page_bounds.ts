import type { Migration } from '../types.js';

/**
 * Date records of the retirements: `retirement_date_low` holds every retirement dated earlier than every
 * retirement with a higher certificate id (the suffix minima of the dates in certificate order), `retirement_date_high`
 * every one dated later than every lower certificate (the prefix maxima). Both rise in certificate id and date
 * together, so "the highest certificate dated before D" is the last low before D and "the lowest certificate dated
 * from D" the first high from D: one index probe each (views/retirements.ts bounds its pages with them).
 *
 * Kept exact under every write by the triggers below. An insert can only remove records on one side of it (a low
 * below it dated no earlier, a high above it dated no later). A delete can only create records between its
 * neighbouring records, recomputed there from the rows (a window over that span, compared with the record beyond it).
 * An update is a delete of the old row and an insert of the new one.
 */
interface Side {
  table: string;
  /** The direction towards which a record must beat every row ('>' for lows: later certificates). */
  beyond: '>' | '<';
  /** A record's date compared with every row beyond it. */
  beats: '<' | '>';
  /** The date that no row beats: none beyond. */
  none: string;
}
const LOW: Side = { table: 'retirement_date_low', beyond: '>', beats: '<', none: "'~'" };
const HIGH: Side = { table: 'retirement_date_high', beyond: '<', beats: '>', none: "''" };

const back = (s: Side) => (s.beyond === '>' ? '<' : '>');
const nearestBeyond = (s: Side, id: string) =>
  `(SELECT retirement_date FROM ${s.table} WHERE certificate_id ${s.beyond} ${id} ORDER BY certificate_id ${s.beyond === '>' ? 'ASC' : 'DESC'} LIMIT 1)`;

/** The row `r` (NEW) becomes a record if it beats the nearest record beyond it; records behind it that it beats no longer are. */
function insertRecord(s: Side, r: string): string {
  const isRecord = `${r}.retirement_date ${s.beats} coalesce(${nearestBeyond(s, `${r}.certificate_id`)}, ${s.none})`;
  return `
    DELETE FROM ${s.table} WHERE certificate_id ${back(s)} ${r}.certificate_id
      AND NOT (retirement_date ${s.beats} ${r}.retirement_date) AND ${isRecord};
    INSERT INTO ${s.table} (certificate_id, retirement_date) SELECT ${r}.certificate_id, ${r}.retirement_date WHERE ${isRecord};`;
}

/**
 * The row `r` (OLD) is gone: if it was a record, the rows between it and the previous record behind it are
 * recomputed (a row there is a record if it beats every later row of the span and the nearest record beyond `r`).
 * `except` excludes the updated row's new version, which its own insert step classifies.
 */
function deleteRecord(s: Side, r: string, except: string | null): string {
  const behind = back(s);
  const prev = `(SELECT certificate_id FROM ${s.table} WHERE certificate_id ${behind} ${r}.certificate_id ORDER BY certificate_id ${behind === '<' ? 'DESC' : 'ASC'} LIMIT 1)`;
  const agg = s.beats === '<' ? 'min' : 'max';
  const towardsBeyond = s.beyond === '>' ? 'DESC' : 'ASC';
  return `
    INSERT INTO ${s.table} (certificate_id, retirement_date)
    SELECT certificate_id, retirement_date FROM (
      SELECT certificate_id, retirement_date,
        ${agg}(retirement_date) OVER (ORDER BY certificate_id ${towardsBeyond} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS beyond
      FROM retirements
      WHERE certificate_id ${behind} ${r}.certificate_id
        AND certificate_id ${s.beyond} coalesce(${prev}, ${behind === '<' ? '-9223372036854775808' : '9223372036854775807'})
        ${except ? `AND certificate_id <> ${except}` : ''}
    )
    WHERE EXISTS (SELECT 1 FROM ${s.table} WHERE certificate_id = ${r}.certificate_id)
      AND retirement_date ${s.beats} coalesce(beyond, ${s.none})
      AND retirement_date ${s.beats} coalesce(${nearestBeyond(s, `${r}.certificate_id`)}, ${s.none});
    DELETE FROM ${s.table} WHERE certificate_id = ${r}.certificate_id;`;
}

function recordsOf(s: Side): string {
  const agg = s.beats === '<' ? 'min' : 'max';
  const towardsBeyond = s.beyond === '>' ? 'DESC' : 'ASC';
  return `
    CREATE TABLE ${s.table} (certificate_id INTEGER PRIMARY KEY, retirement_date TEXT NOT NULL) STRICT;
    CREATE INDEX idx_${s.table} ON ${s.table} (retirement_date);
    INSERT INTO ${s.table} (certificate_id, retirement_date)
    SELECT certificate_id, retirement_date FROM (
      SELECT certificate_id, retirement_date,
        ${agg}(retirement_date) OVER (ORDER BY certificate_id ${towardsBeyond} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS beyond
      FROM retirements
    ) WHERE retirement_date ${s.beats} coalesce(beyond, ${s.none});`;
}

/**
 * Page bounds (issue 13; measured in bench/, plans asserted by views/queryPlans.test.ts, rows and order by
 * views/pageBounds.test.ts and audit/changeBounds.test.ts):
 *
 * - Retirements by date: the date records above. A page "before D" walks certificates down from the last low
 *   before D, one "from D" up from the first high from D: the rows in between that fail the date are the only
 *   ones skipped (retirements dated out of certificate order), never every newer one.
 * - The change log by time: changed_at is the writer's clock and can step back. audit_change_stepback lists
 *   every change dated earlier than an earlier change (one probe of idx_ac_time per insert, by a trigger); all
 *   other changes rise in time with seq, so a page "until T" is the changes up to the last other change before T
 *   (a seq range) plus the step-backs after it that are before T (audit/changeBounds.ts). audit_changes itself is
 *   unchanged (hash-chained, append-only); the step-back table is derived, like sale_finality.
 * - Year-over-year analytics reads every sale in (created_at, toid) order (the toid order: migration 007) with the
 *   three columns it needs: idx_stx_created_toid gains them, so that pass reads an index instead of the table. The
 *   distinct recipients of each month are counted over idx_stx_month_recipient (month text, recipient), in order,
 *   without a sort; it is the one index added to the inserts (measured in docs/performance/2026-12-pages-analytics-growth.md).
 *
 * Derived tables, not data: not in DATA_TABLES, no dumps, no change triggers (verify replays the data tables).
 */
export const pageBounds: Migration = {
  version: 9,
  name: 'page bounds (retirement date records, change-log clock step-backs, analytics index)',
  up(db) {
    db.exec(`
      ${recordsOf(LOW)}
      ${recordsOf(HIGH)}
      CREATE TRIGGER retirement_date_records_insert AFTER INSERT ON retirements BEGIN
        ${insertRecord(LOW, 'NEW')}
        ${insertRecord(HIGH, 'NEW')}
      END;
      CREATE TRIGGER retirement_date_records_delete AFTER DELETE ON retirements BEGIN
        ${deleteRecord(LOW, 'OLD', null)}
        ${deleteRecord(HIGH, 'OLD', null)}
      END;
      CREATE TRIGGER retirement_date_records_update AFTER UPDATE OF certificate_id, retirement_date ON retirements BEGIN
        ${deleteRecord(LOW, 'OLD', 'NEW.certificate_id')}
        ${deleteRecord(HIGH, 'OLD', 'NEW.certificate_id')}
        ${insertRecord(LOW, 'NEW')}
        ${insertRecord(HIGH, 'NEW')}
      END;

      CREATE TABLE audit_change_stepback (seq INTEGER PRIMARY KEY) STRICT;
      INSERT INTO audit_change_stepback (seq)
      SELECT seq FROM (
        SELECT seq, changed_at, max(changed_at) OVER (ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier
        FROM audit_changes
      ) WHERE changed_at < earlier;
      -- max() over idx_ac_time includes NEW; a change not appended at the end (never, in practice) is listed too.
      CREATE TRIGGER audit_change_stepback_insert AFTER INSERT ON audit_changes
      WHEN NEW.changed_at < (SELECT max(changed_at) FROM audit_changes) OR NEW.seq < (SELECT max(seq) FROM audit_changes)
      BEGIN
        INSERT OR IGNORE INTO audit_change_stepback (seq) VALUES (NEW.seq);
      END;

      DROP INDEX idx_stx_created_toid;
      CREATE INDEX idx_stx_created_toid ON sinking_txs (created_at, toid, dest_asset_code, dest_asset_amount, carbon_amount);
      CREATE INDEX idx_stx_month_recipient ON sinking_txs (substr(created_at, 1, 7), recipient);
    `);
  },
};
