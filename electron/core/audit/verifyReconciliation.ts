import type { CheckResult } from '../../../shared/api/audit.js';
import { CARBON_SCALE, formatDecimal } from '../domain/amount.js';
import { sha256Hex } from '../domain/hash.js';
import type { ReadDb } from '../db/types.js';
import { viewInventory } from '../views/inventory.js';
import { carbonStats } from '../views/stats.js';
import { Check, t } from './verifyCheck.js';
import { contractCallsNotLoaded } from './verifyFirstRun.js';

/**
 * verify's reconciliation of the data (5–12): amounts in kg (tonnes × 1000), VCUs whole (1 VCU = 1 t = 1000 kg).
 */
const KG_PER_VCU = 1000;

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
  c.addRows<{ id: number; block: string }>(
    db,
    `SELECT b.retirement_id AS id, b.block_hash AS block FROM retirement_from_block b
     WHERE NOT EXISTS (SELECT 1 FROM retirements r WHERE r.certificate_id = b.retirement_id)
        OR NOT EXISTS (SELECT 1 FROM minted_blocks m WHERE m.serial_hash = b.block_hash)`,
    'retirement_from_block',
    (o) => `${o.id}/${o.block}`,
    (o) => `link of retirement ${o.id} to block ${o.block} names a missing retirement or block`,
  );
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
  c.addRows<{ h: string; id: number }>(
    db,
    `SELECT s.sinking_tx_hash AS h, s.certificate_id AS id FROM sink_status s
     WHERE NOT EXISTS (SELECT 1 FROM sinking_txs t WHERE t.hash = s.sinking_tx_hash)
        OR NOT EXISTS (SELECT 1 FROM retirements r WHERE r.certificate_id = s.certificate_id)`,
    'sink_status',
    (o) => `${o.h}/${o.id}`,
    (o) => `sink status of sale ${o.h} and retirement ${o.id} names a missing sale or retirement`,
  );
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
  let unretired = 0;
  for (const r of rows) {
    const days = Math.floor((now.getTime() - Date.parse(`${r.created_at}Z`)) / 86_400_000);
    unretired += Math.max(0, r.amount - r.filled);
    c.add('sinking_txs', r.hash, `sale ${r.hash} of ${t(r.amount)} on ${r.created_at} (${days} days ago) is not finalized: ${t(r.filled)} retired so far`);
  }
  c.headline = `${rows.length} ${rows.length === 1 ? 'sale' : 'sales'} past the ${graceDays}-day grace period (${t(unretired)} not retired)`;
  // The sales list's filter that lists exactly these: not finalized, created before the cutoff.
  c.listParams = { unfinalizedBefore: cutoff };
  return c.result();
}
