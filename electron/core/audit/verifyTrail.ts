import { parse as parseLossless, stringify as stringifyLossless } from 'lossless-json';
import type { CheckResult } from '../../../shared/api/audit.js';
import type { ReadDb } from '../db/types.js';
import { changeEntryHash, entryHash, GENESIS_HASH } from './chain.js';
import { expectedAuditTriggers, AUDITED_TABLES, keyExpr, stateExpr, tableShape } from './changeTriggers.js';
import { operationEventFields } from './operationLog.js';
import { Check } from './verifyCheck.js';

/** verify's checks of the audit trail itself (1–4): the hash chain, the triggers, the replay, the attribution. */

/** 1. The hash chain, recomputed from the genesis: names each modified entry and each gap. */
export function checkChain(db: ReadDb): CheckResult {
  const c = new Check('chain', 'Hash chain of operations and changes is intact');
  const ops = db.prepare('SELECT * FROM audit_operation_events ORDER BY seq').all() as Record<string, unknown>[];
  let prev = GENESIS_HASH;
  let prevSeq = 0;
  let expected = 1;
  let i = 0;
  const visit = (table: string, seq: number, hash: string, computed: (prev: string) => string) => {
    if (seq !== expected) {
      const gap = seq > expected ? `seq ${expected}${seq - 1 > expected ? `–${seq - 1}` : ''}` : `seq ${seq}`;
      c.add(table, gap, seq > expected ? `entries ${gap} are missing (deleted): the chain jumps from ${expected - 1} to ${seq}` : `duplicate or out-of-order entry seq ${seq}`);
    }
    if (computed(prev) !== hash) {
      const before = prevSeq ? `the entry before it (seq ${prevSeq})` : 'the genesis';
      c.add(table, `seq ${seq}`, `hash mismatch at ${table} seq ${seq}: this entry was altered, or ${before} was altered or removed`);
    }
    prev = hash; // resynchronise, so each altered entry is named once
    prevSeq = seq;
    expected = seq + 1;
  };
  const flushOpsBefore = (seq: number) => {
    for (let op = ops[i]; op && (op.seq as number) < seq; op = ops[++i]) {
      visit('audit_operation_events', op.seq as number, op.hash as string, (p) => entryHash(p, operationEventFields(op)));
    }
  };
  const changes = db.prepare('SELECT * FROM audit_changes ORDER BY seq').iterate() as IterableIterator<{
    seq: number;
    operation_id: string | null;
    table_name: string;
    record_key: string;
    kind: string;
    before_json: string | null;
    after_json: string | null;
    changed_at: string;
    hash: string;
  }>;
  for (const ch of changes) {
    flushOpsBefore(ch.seq);
    visit('audit_changes', ch.seq, ch.hash, (p) =>
      changeEntryHash(p, ch.seq, ch.operation_id, ch.table_name, ch.record_key, ch.kind, ch.before_json, ch.after_json, ch.changed_at),
    );
  }
  flushOpsBefore(Number.MAX_SAFE_INTEGER);
  return c.result();
}

/** 2. The triggers that capture changes and keep the audit append-only are all installed. */
export function checkTriggers(db: ReadDb): CheckResult {
  const c = new Check('triggers', 'Audit triggers are installed (change capture, append-only)');
  const present = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).all() as { name: string }[]).map((r) => r.name));
  for (const name of expectedAuditTriggers()) {
    if (!present.has(name)) c.add(name.replace(/^audit_(.*)_(insert|update|delete)$/, '$1').replace(/_no_(update|delete)$/, ''), name, `trigger ${name} is missing (dropped behind the app's back)`);
  }
  return c.result();
}

function describeDiff(logged: string | null, found: string): string {
  if (logged == null) return 'row is not in the change log (written behind the app\'s back)';
  try {
    const a = parseLossless(logged) as Record<string, unknown>;
    const b = parseLossless(found) as Record<string, unknown>;
    const cols = Object.keys(b).filter((k) => stringifyLossless(a[k]) !== stringifyLossless(b[k]));
    const parts = cols.map((k) => `${k}: logged ${stringifyLossless(a[k]) ?? 'absent'}, found ${stringifyLossless(b[k])}`);
    return `row differs from the replay of its change log (changed behind the app's back): ${parts.join('; ')}`;
  } catch {
    return 'row differs from the replay of its change log';
  }
}

/** 3. Every data row equals the replay of its change log, and each change continues from the previous one. */
export function checkReplay(db: ReadDb): CheckResult {
  const c = new Check('replay', "Every data row equals the replay of its change log");
  for (const table of AUDITED_TABLES) {
    const s = tableShape(db, table);
    const rows = db
      .prepare(
        `WITH latest AS (
           SELECT record_key AS k, kind, after_json AS a, max(seq) AS seq FROM audit_changes WHERE table_name = ? GROUP BY record_key
         ), cur AS (SELECT ${keyExpr(s, '')} AS k, ${stateExpr(s, '')} AS j FROM ${table})
         SELECT cur.k AS k, cur.j AS j, latest.a AS a, latest.kind AS kind, latest.seq AS seq
           FROM cur LEFT JOIN latest ON latest.k = cur.k WHERE latest.a IS NOT cur.j
         UNION ALL
         SELECT latest.k, NULL, latest.a, latest.kind, latest.seq FROM latest
           WHERE latest.kind != 'delete' AND latest.k NOT IN (SELECT k FROM cur)`,
      )
      .all(table) as { k: string; j: string | null; a: string | null; kind: string | null; seq: number | null }[];
    for (const r of rows) {
      if (r.j == null) c.add(table, r.k, `row is missing (deleted behind the app's back); its change log ends with an ${r.kind} at seq ${r.seq}`);
      else c.add(table, r.k, describeDiff(r.a, r.j));
    }
  }
  const breaks = db
    .prepare(
      `SELECT seq, table_name, record_key, kind, prev_seq FROM (
         SELECT seq, table_name, record_key, kind, before_json,
                lag(after_json) OVER w AS prev_after, lag(seq) OVER w AS prev_seq
         FROM audit_changes WINDOW w AS (PARTITION BY table_name, record_key ORDER BY seq)
       ) WHERE before_json IS NOT prev_after`,
    )
    .all() as { seq: number; table_name: string; record_key: string; kind: string; prev_seq: number | null }[];
  for (const b of breaks) {
    c.add(
      b.table_name,
      b.record_key,
      `change seq ${b.seq} (${b.kind}) does not start from the state logged ${b.prev_seq ? `at seq ${b.prev_seq}` : 'before it (none)'}: the row was changed in between without being logged`,
    );
  }
  return c.result();
}

/** 4. Every change belongs to a recorded operation. */
export function checkAttribution(db: ReadDb): CheckResult {
  const c = new Check('attribution', 'Every change belongs to a recorded operation');
  const rows = db
    .prepare(
      `SELECT c.seq, c.table_name, c.record_key, c.operation_id FROM audit_changes c
       WHERE c.operation_id IS NULL OR NOT EXISTS (SELECT 1 FROM audit_operation_events e WHERE e.operation_id = c.operation_id AND e.event = 'start')`,
    )
    .all() as { seq: number; table_name: string; record_key: string; operation_id: string | null }[];
  for (const r of rows) {
    c.add(r.table_name, r.record_key, r.operation_id ? `change seq ${r.seq} names unknown operation ${r.operation_id}` : `change seq ${r.seq} was made outside any recorded operation`);
  }
  return c.result();
}
