import { APPEND_ONLY_TABLES, installChangeTriggers } from '../../audit/changeTriggers.js';
import type { Migration } from '../types.js';

/**
 * The audit trail: operation log, change log, one hash chain over both (see audit/chain.ts), append-only.
 *
 * An operation is two events (start, finish), because rows can never be updated; audit_operations joins them.
 * An operation with a start and no finish is either still running or was killed: its pid and host say which.
 * Times: 'YYYY-MM-DDTHH:MM:SS.sssZ' UTC (millisecond precision for durations and ordering).
 */
export const auditTrail: Migration = {
  version: 2,
  name: 'audit trail',
  up(db) {
    db.exec(`
      CREATE TABLE audit_operation_events (
        seq INTEGER PRIMARY KEY,
        event TEXT NOT NULL CHECK (event IN ('start', 'finish')),
        operation_id TEXT NOT NULL,
        at TEXT NOT NULL,
        -- start
        kind TEXT,
        actor TEXT,
        host TEXT,
        pid INTEGER,
        via TEXT,
        app_version TEXT,
        schema_version INTEGER,
        params TEXT,
        note TEXT,
        source_urls TEXT,
        command TEXT,
        -- finish
        status TEXT CHECK (status IS NULL OR status IN ('ok', 'failed', 'cancelled')),
        duration_ms INTEGER,
        result TEXT,
        error TEXT,
        latest_ledger INTEGER,
        hash TEXT NOT NULL,
        UNIQUE (operation_id, event),
        CHECK ((event = 'start') = (kind IS NOT NULL)),
        CHECK ((event = 'finish') = (status IS NOT NULL))
      ) STRICT;
      CREATE INDEX idx_aoe_start ON audit_operation_events (event, at);

      CREATE TABLE audit_changes (
        seq INTEGER PRIMARY KEY,
        operation_id TEXT,
        table_name TEXT NOT NULL,
        record_key TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('insert', 'update', 'delete')),
        before_json TEXT,
        after_json TEXT,
        changed_at TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX idx_ac_record ON audit_changes (table_name, record_key, seq);
      CREATE INDEX idx_ac_operation ON audit_changes (operation_id, seq);
      CREATE INDEX idx_ac_time ON audit_changes (changed_at);

      -- The newest entry of the chain, whichever table holds it.
      CREATE VIEW audit_head AS
      SELECT seq, hash FROM (
        SELECT * FROM (SELECT seq, hash FROM audit_changes ORDER BY seq DESC LIMIT 1)
        UNION ALL
        SELECT * FROM (SELECT seq, hash FROM audit_operation_events ORDER BY seq DESC LIMIT 1)
      ) ORDER BY seq DESC LIMIT 1;

      CREATE VIEW audit_operations AS
      SELECT s.operation_id AS id, s.seq AS seq, s.kind, s.at AS started_at, f.at AS finished_at, f.duration_ms,
             s.actor, s.host, s.pid, s.via, s.app_version, s.schema_version, s.source_urls, f.latest_ledger,
             s.params, f.result, coalesce(f.status, 'running') AS status, f.error, s.note, s.command
      FROM audit_operation_events s
      LEFT JOIN audit_operation_events f ON f.operation_id = s.operation_id AND f.event = 'finish'
      WHERE s.event = 'start';
    `);
    for (const t of APPEND_ONLY_TABLES) {
      db.exec(`
        CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t}
        BEGIN SELECT RAISE(ABORT, '${t} is append-only: UPDATE rejected'); END;
        CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t}
        BEGIN SELECT RAISE(ABORT, '${t} is append-only: DELETE rejected'); END;
      `);
    }
    installChangeTriggers(db);
  },
};
