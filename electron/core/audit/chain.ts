import { hash as digest } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * The tamper-evident chain. Operations' events and data changes form ONE chain, ordered by a shared `seq`
 * (1, 2, 3, … across audit_operation_events and audit_changes): each entry's
 *   hash = sha256(previous entry's hash + canonicalJson(entry without its hash))
 * with GENESIS_HASH before the first entry. Canonical JSON = keys sorted, no whitespace, values as SQLite
 * returns them (TEXT → string, INTEGER → number, NULL → null); the entry's type is part of it ("entry").
 * The head (last seq and hash) is what reports and the UI show: anyone who noted it can later check that
 * nothing before it was changed.
 */
export const GENESIS_HASH = '0'.repeat(64);

/** SQL functions the triggers call. A plain sqlite3 shell lacks them, so its writes to data tables fail. */
export const HASH_FUNCTION = 'sc_audit_hash';
/** The change triggers' fast path: fixed fields in a fixed order (see changeEntryHash). */
export const CHANGE_HASH_FUNCTION = 'sc_audit_change_hash';
export const CURRENT_OPERATION_FUNCTION = 'sc_audit_operation';

export type EntryValue = string | number | bigint | null;

export function canonicalJson(fields: Record<string, EntryValue>): string {
  const keys = Object.keys(fields).sort();
  const parts = keys.map((k) => {
    const v = fields[k];
    const text = typeof v === 'bigint' ? v.toString() : JSON.stringify(v ?? null);
    return `${JSON.stringify(k)}:${text}`;
  });
  return `{${parts.join(',')}}`;
}

export function entryHash(prevHash: string, fields: Record<string, EntryValue>): string {
  return chainStep(prevHash, canonicalJson(fields));
}

/** One value of an entry as canonical JSON writes it. */
export const entryJson = (v: EntryValue | undefined): string => (typeof v === 'bigint' ? v.toString() : JSON.stringify(v ?? null));
const j = entryJson;

/**
 * The hash of a change-log entry, written out with its keys already in sorted order: the triggers call it once
 * per row written, so it skips building and sorting an object. Equals entryHash(prev, {…the same fields}).
 */
export function changeEntryHash(
  prev: string,
  seq: EntryValue,
  operationId: EntryValue,
  tableName: EntryValue,
  recordKey: EntryValue,
  kind: EntryValue,
  beforeJson: EntryValue,
  afterJson: EntryValue,
  changedAt: EntryValue,
): string {
  return chainStep(prev, changeEntryJsonOfJson(j(seq), j(operationId), j(tableName), j(recordKey), j(kind), j(beforeJson), j(afterJson), j(changedAt)));
}

/**
 * The canonical JSON of a change entry (what changeEntryHash hashes after the previous hash) from the entry's values
 * already written as JSON (what JSON.stringify makes of each). The bulk writer has SQLite write them (json_quote,
 * whose output equals JSON.stringify's for every text SQLite can hold: chain.test.ts checks every code point), so a
 * row's state is not escaped a second time here.
 */
export function changeEntryJsonOfJson(
  seq: string,
  operationId: string,
  tableName: string,
  recordKey: string,
  kind: string,
  beforeJson: string,
  afterJson: string,
  changedAt: string,
): string {
  return (
    `{"after_json":${afterJson},"before_json":${beforeJson},"changed_at":${changedAt},"entry":"change",` +
    `"kind":${kind},"operation_id":${operationId},"record_key":${recordKey},"seq":${seq},"table_name":${tableName}}`
  );
}

/** The chain's digest (chainHasher.ts passes the same to its thread). */
export const CHAIN_DIGEST = { algorithm: 'sha256', encoding: 'hex' } as const;

/** One link of the chain: the entry's hash from the previous entry's hash and the entry's canonical JSON. */
export const chainStep = (prev: string, canonical: string): string => digest(CHAIN_DIGEST.algorithm, prev + canonical, CHAIN_DIGEST.encoding);

/** Per-connection state: which operation the triggers attribute changes to. */
interface ConnectionAudit {
  currentOperation: string | null;
}
const connections = new WeakMap<object, ConnectionAudit>();

function stateOf(db: object): ConnectionAudit {
  let s = connections.get(db);
  if (!s) {
    s = { currentOperation: null };
    connections.set(db, s);
  }
  return s;
}

export function currentOperationOf(db: object): string | null {
  return stateOf(db).currentOperation;
}

export function setCurrentOperation(db: object, id: string | null): void {
  stateOf(db).currentOperation = id;
}

/**
 * Registers the audit SQL functions on a writable connection. Must run before migrations (the triggers
 * installed by migration 002 call them) and on every writable open.
 */
export function registerAuditFunctions(db: Database.Database): void {
  stateOf(db);
  db.function(CURRENT_OPERATION_FUNCTION, { deterministic: false }, () => stateOf(db).currentOperation);
  // sc_audit_change_hash(prev, seq, operation_id, table_name, record_key, kind, before_json, after_json, changed_at)
  db.function(CHANGE_HASH_FUNCTION, { deterministic: true }, (prev, seq, op, table, key, kind, before, after, at) => {
    if (typeof prev !== 'string') throw new Error(`${CHANGE_HASH_FUNCTION}: bad arguments`);
    return changeEntryHash(prev, seq as EntryValue, op as EntryValue, table as EntryValue, key as EntryValue, kind as EntryValue, before as EntryValue, after as EntryValue, at as EntryValue);
  });
  // sc_audit_hash(prev, 'key1', value1, 'key2', value2, …): any entry (kept for triggers of older databases).
  db.function(HASH_FUNCTION, { varargs: true, deterministic: true }, (...args: unknown[]) => {
    const [prev, ...pairs] = args;
    if (typeof prev !== 'string' || pairs.length % 2 !== 0) throw new Error(`${HASH_FUNCTION}: bad arguments`);
    const fields: Record<string, EntryValue> = {};
    for (let i = 0; i < pairs.length; i += 2) {
      const v = pairs[i + 1];
      if (v instanceof Uint8Array) throw new Error(`${HASH_FUNCTION}: BLOB values are not hashed`);
      fields[String(pairs[i])] = v as EntryValue;
    }
    return entryHash(prev, fields);
  });
}
