import { DEFAULT_GRACE_DAYS, graceDaysFor } from '../settings/effective.js';
import { parse as parseLossless, stringify as stringifyLossless } from 'lossless-json';
import type { ChainHead, CheckResult, CheckStatus, Offender, VerifyReport } from '../../../shared/api/audit.js';
import { CARBON_SCALE, formatDecimal } from '../domain/amount.js';
import { sha256Hex } from '../domain/hash.js';
import type { ReadDb } from '../db/types.js';
import type { Engine } from '../engine.js';
import { viewInventory } from '../views/inventory.js';
import { carbonStats } from '../views/stats.js';
import { changeEntryHash, entryHash, GENESIS_HASH } from './chain.js';
import { AUDITED_TABLES, expectedAuditTriggers, keyExpr, stateExpr, tableShape } from './changeTriggers.js';
import { operationEventFields } from './operationLog.js';
import { chainHead } from './queries.js';
import { checkContractCalls, checkHistoryGaps, checkProvenance, contractCallsNotLoaded } from './verifyFirstRun.js';

/**
 * `verify`: the auditor's checks. Each check passes or fails with the offending records; the grace-period
 * check only lists findings (a late retirement is for the auditor to judge, not a broken database).
 * Amounts are exact integers: carbon in kg (tonnes × 1000), VCUs whole (1 VCU = 1 t = 1000 kg).
 */
export { DEFAULT_GRACE_DAYS };
/** Offenders kept per check (the count is always complete). */
export const MAX_OFFENDERS = 200;
const KG_PER_VCU = 1000;

class Check {
  count = 0;
  readonly offenders: Offender[] = [];
  constructor(
    readonly id: string,
    readonly title: string,
    private readonly failStatus: CheckStatus = 'fail',
  ) {}
  add(table: string | null, key: string | number | null, message: string): void {
    this.count++;
    if (this.offenders.length < MAX_OFFENDERS) this.offenders.push({ table, key: key == null ? null : String(key), message });
  }
  result(): CheckResult {
    return { id: this.id, title: this.title, status: this.count ? this.failStatus : 'pass', count: this.count, offenders: this.offenders };
  }
}

const t = (kg: number | bigint): string => `${formatDecimal(BigInt(kg), CARBON_SCALE)} t`;

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

/** 5. Every retirement is exactly covered by its blocks. */
export function checkRetirementsCovered(db: ReadDb): CheckResult {
  const c = new Check('retirements-covered', 'Every retirement is exactly covered by minted blocks');
  const rows = db
    .prepare(
      `SELECT r.certificate_id AS id, r.vcu_amount AS amount, coalesce(sum(b.vcu_amount), 0) AS covered
       FROM retirements r LEFT JOIN retirement_from_block b ON b.retirement_id = r.certificate_id
       GROUP BY r.certificate_id HAVING covered != r.vcu_amount ORDER BY r.certificate_id`,
    )
    .all() as { id: number; amount: number; covered: number }[];
  for (const r of rows) c.add('retirements', r.id, `retirement ${r.id} of ${r.amount} VCU is covered by ${r.covered} VCU from blocks`);
  const orphans = db
    .prepare(
      `SELECT b.retirement_id AS id, b.block_hash AS block FROM retirement_from_block b
       WHERE NOT EXISTS (SELECT 1 FROM retirements r WHERE r.certificate_id = b.retirement_id)
          OR NOT EXISTS (SELECT 1 FROM minted_blocks m WHERE m.serial_hash = b.block_hash)`,
    )
    .all() as { id: number; block: string }[];
  for (const o of orphans) c.add('retirement_from_block', `${o.id}/${o.block}`, `link of retirement ${o.id} to block ${o.block} names a missing retirement or block`);
  return c.result();
}

/** 6. No block has more retired from it than its size. */
export function checkBlocksNotOverspent(db: ReadDb): CheckResult {
  const c = new Check('blocks-not-overspent', 'No minted block is overspent');
  const rows = db
    .prepare(
      `SELECT m.serial_hash AS hash, m.block_end - m.block_start + 1 AS size, sum(b.vcu_amount) AS used
       FROM minted_blocks m JOIN retirement_from_block b ON b.block_hash = m.serial_hash
       GROUP BY m.serial_hash HAVING used > size ORDER BY m.toid`,
    )
    .all() as { hash: string; size: number; used: number }[];
  for (const r of rows) c.add('minted_blocks', r.hash, `block ${r.hash} of ${r.size} VCU has ${r.used} VCU retired from it`);
  return c.result();
}

/** 7. sha256(serial_number) = serial_hash for every block. */
export function checkSerialHashes(db: ReadDb): CheckResult {
  const c = new Check('serial-hashes', 'sha256(serial_number) = serial_hash for every block');
  const rows = db.prepare('SELECT serial_hash, serial_number FROM minted_blocks ORDER BY toid').iterate() as IterableIterator<{
    serial_hash: string;
    serial_number: string;
  }>;
  for (const r of rows) {
    const h = sha256Hex(r.serial_number);
    if (h !== r.serial_hash) c.add('minted_blocks', r.serial_hash, `sha256 of serial ${r.serial_number} is ${h}, not the stored serial_hash ${r.serial_hash}`);
  }
  return c.result();
}

/** 8. Sink-status fills never exceed the sale or the retirement. */
export function checkSinkFills(db: ReadDb): CheckResult {
  const c = new Check('sink-fills', 'Sink-status fills ≤ sale amount and ≤ retirement amount');
  const txs = db
    .prepare(
      `SELECT t.hash, t.carbon_amount AS amount, sum(s.amount_filled) AS filled FROM sinking_txs t
       JOIN sink_status s ON s.sinking_tx_hash = t.hash GROUP BY t.hash HAVING filled > t.carbon_amount ORDER BY t.toid`,
    )
    .all() as { hash: string; amount: number; filled: number }[];
  for (const r of txs) c.add('sinking_txs', r.hash, `sale ${r.hash} of ${t(r.amount)} has ${t(r.filled)} filled by retirements`);
  const rets = db
    .prepare(
      `SELECT r.certificate_id AS id, r.vcu_amount AS amount, sum(s.amount_filled) AS filled FROM retirements r
       JOIN sink_status s ON s.certificate_id = r.certificate_id GROUP BY r.certificate_id HAVING filled > r.vcu_amount * ${KG_PER_VCU}
       ORDER BY r.certificate_id`,
    )
    .all() as { id: number; amount: number; filled: number }[];
  for (const r of rets) c.add('retirements', r.id, `retirement ${r.id} of ${r.amount} VCU fills ${t(r.filled)} of sales`);
  const orphans = db
    .prepare(
      `SELECT s.sinking_tx_hash AS h, s.certificate_id AS id FROM sink_status s
       WHERE NOT EXISTS (SELECT 1 FROM sinking_txs t WHERE t.hash = s.sinking_tx_hash)
          OR NOT EXISTS (SELECT 1 FROM retirements r WHERE r.certificate_id = s.certificate_id)`,
    )
    .all() as { h: string; id: number }[];
  for (const o of orphans) c.add('sink_status', `${o.h}/${o.id}`, `sink status of sale ${o.h} and retirement ${o.id} names a missing sale or retirement`);
  return c.result();
}

/** 9. A sale has a finalized status exactly when it is fully filled. */
export function checkFinalized(db: ReadDb): CheckResult {
  const c = new Check('finalized', 'Finalized ⇔ fully filled');
  const rows = db
    .prepare(
      `SELECT t.hash, t.carbon_amount AS amount, sum(s.amount_filled) AS filled, max(s.finalized) AS fin
       FROM sinking_txs t JOIN sink_status s ON s.sinking_tx_hash = t.hash
       GROUP BY t.hash HAVING (filled = t.carbon_amount) != (fin = 1) ORDER BY t.toid`,
    )
    .all() as { hash: string; amount: number; filled: number; fin: number }[];
  for (const r of rows) {
    c.add(
      'sinking_txs',
      r.hash,
      r.fin ? `sale ${r.hash} is marked finalized but only ${t(r.filled)} of ${t(r.amount)} is filled` : `sale ${r.hash} is fully filled (${t(r.amount)}) but no status is finalized`,
    );
  }
  return c.result();
}

const TX_HASH_RE = /\b[0-9a-fA-F]{64}\b/g;

/**
 * 10. Every tx hash named in a retirement's details is a stored sale. One that is not (e.g. a contract-call sale while
 * no indexer is set) is a finding per hash: the sink-statuses step skips it and fills the other sales.
 */
export function checkRetirementTxs(db: ReadDb): CheckResult {
  const c = new Check('retirement-txs', "Every tx hash in a retirement's details is a stored sale", 'findings');
  const exists = db.prepare('SELECT 1 FROM sinking_txs WHERE hash = ?').pluck();
  const rows = db.prepare('SELECT certificate_id, retirement_details FROM retirements ORDER BY certificate_id').all() as {
    certificate_id: number;
    retirement_details: string;
  }[];
  let why: string | null | undefined;
  for (const r of rows) {
    for (const m of r.retirement_details.matchAll(TX_HASH_RE)) {
      const h = m[0].toLowerCase();
      if (exists.get(h)) continue;
      why ??= contractCallsNotLoaded(db);
      c.add('retirements', r.certificate_id, `retirement ${r.certificate_id} names tx ${h}, which is not a stored sinking tx, so that sale has no status${why ? ` (${why})` : ''}`);
    }
  }
  return c.result();
}

/**
 * 11. Stats identities: sunk − retired = pending; minted − retired-from-blocks = remaining (per sale and per block),
 * and the stats and inventory views show exactly these figures.
 */
export function checkStatsIdentity(db: ReadDb): CheckResult {
  const c = new Check('stats-identity', 'sunk − retired = pending; minted − retired from blocks = remaining');
  const one = (sql: string) => BigInt((db.prepare(sql).safeIntegers(true).pluck().get() as bigint | null) ?? 0n);
  const sunk = one('SELECT sum(carbon_amount) FROM sinking_txs');
  const retired = one('SELECT sum(amount_filled) FROM sink_status');
  const pending = one(
    `SELECT sum(t.carbon_amount - coalesce((SELECT sum(s.amount_filled) FROM sink_status s WHERE s.sinking_tx_hash = t.hash), 0)) FROM sinking_txs t`,
  );
  if (sunk - retired !== pending) {
    c.add('sink_status', null, `carbon sunk ${t(sunk)} − retired ${t(retired)} = ${t(sunk - retired)}, but pending per sale sums to ${t(pending)} (fills of missing sales?)`);
  }
  const minted = one('SELECT sum(block_end - block_start + 1) FROM minted_blocks');
  const used = one('SELECT sum(vcu_amount) FROM retirement_from_block');
  const remaining = one(
    `SELECT sum(m.block_end - m.block_start + 1 - coalesce((SELECT sum(b.vcu_amount) FROM retirement_from_block b WHERE b.block_hash = m.serial_hash), 0)) FROM minted_blocks m`,
  );
  if (minted - used !== remaining) {
    c.add('retirement_from_block', null, `minted ${minted} VCU − retired from blocks ${used} VCU = ${minted - used}, but remaining per block sums to ${remaining} (links to missing blocks?)`);
  }
  // The figures the app shows (stats and inventory views) must be these same numbers.
  const stats = carbonStats(db);
  // Compared as text: the view's decimal strings against the same integers formatted (exact, sign included).
  const shown: [string, string, string][] = [
    ['carbon_sunk', stats.carbon_sunk, formatDecimal(sunk, CARBON_SCALE)],
    ['carbon_retired', stats.carbon_retired, formatDecimal(retired, CARBON_SCALE)],
    ['carbon_pending', stats.carbon_pending, formatDecimal(sunk - retired, CARBON_SCALE)],
    ['carbon_stored', String(stats.carbon_stored), String(minted)],
  ];
  for (const [name, got, expected] of shown) {
    if (got !== expected) c.add('views.stats', name, `the stats view shows ${name} ${got}, but the tables give ${expected}`);
  }
  const inventory = viewInventory(db).rows;
  const invRemaining = inventory.reduce((sum, r) => sum + BigInt(r.credits_remaining), 0n);
  const invSize = inventory.reduce((sum, r) => sum + BigInt(r.size), 0n);
  if (invSize !== minted || invRemaining !== remaining) {
    c.add('views.inventory', null, `the inventory view shows ${invSize} VCU minted and ${invRemaining} VCU remaining, but the tables give ${minted} and ${remaining}`);
  }
  return c.result();
}

/** 12. Sales older than the grace period and not finalized: findings for the auditor. */
export function checkGracePeriod(db: ReadDb, graceDays: number, now: Date): CheckResult {
  const c = new Check('grace-period', `Sales older than ${graceDays} days are finalized`, 'findings');
  const cutoff = new Date(now.getTime() - graceDays * 86_400_000).toISOString().slice(0, 19);
  const rows = db
    .prepare(
      `SELECT t.hash, t.created_at, t.carbon_amount AS amount, coalesce(sum(s.amount_filled), 0) AS filled
       FROM sinking_txs t LEFT JOIN sink_status s ON s.sinking_tx_hash = t.hash
       WHERE t.created_at < ? GROUP BY t.hash HAVING coalesce(max(s.finalized), 0) = 0 ORDER BY t.toid`,
    )
    .all(cutoff) as { hash: string; created_at: string; amount: number; filled: number }[];
  for (const r of rows) {
    const days = Math.floor((now.getTime() - Date.parse(`${r.created_at}Z`)) / 86_400_000);
    c.add('sinking_txs', r.hash, `sale ${r.hash} of ${t(r.amount)} on ${r.created_at} (${days} days ago) is not finalized: ${t(r.filled)} retired so far`);
  }
  return c.result();
}

export interface VerifyOptions {
  graceDays?: number;
  now?: Date;
}

/** Runs every check on a database; no writes. */
export function verifyDatabase(db: ReadDb, opts: VerifyOptions = {}): { ok: boolean; head: ChainHead | null; checks: CheckResult[]; graceDays: number } {
  const graceDays = opts.graceDays ?? DEFAULT_GRACE_DAYS;
  const checks = [
    checkChain(db),
    checkTriggers(db),
    checkReplay(db),
    checkAttribution(db),
    checkRetirementsCovered(db),
    checkBlocksNotOverspent(db),
    checkSerialHashes(db),
    checkSinkFills(db),
    checkFinalized(db),
    checkRetirementTxs(db),
    checkStatsIdentity(db),
    checkGracePeriod(db, graceDays, opts.now ?? new Date()),
    checkProvenance(db),
    checkHistoryGaps(db),
    checkContractCalls(db),
  ];
  return { ok: checks.every((c) => c.status !== 'fail'), head: chainHead(db), checks, graceDays };
}

/** `verify` as a recorded operation. */
export async function runVerify(engine: Engine, opts: VerifyOptions & { note?: string; via?: string } = {}): Promise<VerifyReport> {
  // Without an explicit value, the grace period in effect (env > stored setting > 90 days) applies.
  const graceDays = opts.graceDays ?? graceDaysFor(engine.reader());
  return engine.runOperation({ kind: 'verify', params: { graceDays }, note: opts.note, via: opts.via, writes: false }, (op) => {
    const db: ReadDb = engine.reader();
    const r = verifyDatabase(db, { ...opts, graceDays });
    op.setResult({
      ok: r.ok,
      failed: r.checks.filter((c) => c.status === 'fail').map((c) => ({ check: c.id, count: c.count })),
      findings: r.checks.filter((c) => c.status === 'findings').map((c) => ({ check: c.id, count: c.count })),
      head: r.head,
    });
    return { ...r, checkedAt: new Date().toISOString(), operationId: op.id };
  });
}
