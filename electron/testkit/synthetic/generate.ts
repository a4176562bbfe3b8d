import { createHash } from 'node:crypto';
import { AUDITED_TABLES, changeTriggerNames, installChangeTriggers } from '../../core/audit/changeTriggers.js';
import { entryHash, GENESIS_HASH } from '../../core/audit/chain.js';
import { operationEventFields } from '../../core/audit/operationLog.js';
import { recordSchemaChange } from '../../core/audit/operationRunner.js';
import { openWriteDb } from '../../core/db/open.js';
import type { WriteDb } from '../../core/db/types.js';
import { LATEST_SCHEMA_VERSION } from '../../core/db/migrations/index.js';
import { makeToid } from '../../core/domain/toid.js';
import { VCS_1360 } from '../../core/sync/steps/impactProjects.js';
import { accountId, contractId } from './strkeys.js';

/**
 * A large, domain-consistent database for the benchmark and the query-plan test:
 * - sales (sinking txs) evenly spread over 2022-01-01 … 2026-06-30, toid and created_at rising together;
 *   ~80 % paid in USDC, the rest with CARBON; a few (1 in 1000) contract-call sinks;
 * - one distribution outflow per sale (same tx hash, the operation before it);
 * - retirements: each covers `salesPerRetirement` consecutive sales exactly (vcu_amount = their tonnes), dated
 *   a few days after the last of them; their details list the sales' hashes, like Stellarcarbon's;
 *   the newest ~10 % of sales are not retired yet (pending, no status);
 * - minted blocks of 5000 credits, each minted before its credits are retired; retirement_from_block rows
 *   follow the serial ranges, split where a retirement crosses a block boundary;
 * - sink statuses: every retired sale fully filled (finalized) by its retirement;
 * - the change log: what the audit triggers would have written for the inserts, one audit_changes row per
 *   inserted data row (sinking txs first, then distribution txs) up to `changes` rows, grouped in catch-up
 *   operations of `changesPerOperation` rows, with a valid hash chain. The change triggers are dropped while
 *   loading (they would take ~20 µs a row and make 3M+ rows take minutes) and re-installed at the end, so the
 *   database looks like one the app wrote.
 */
export interface SyntheticSizes {
  sales: number;
  retirements: number;
  changes: number;
  changesPerOperation?: number;
}

export const FULL_SIZES: SyntheticSizes = { sales: 1_000_000, retirements: 100_000, changes: 1_000_000 };
export const QUICK_SIZES: SyntheticSizes = { sales: 50_000, retirements: 5_000, changes: 50_000 };
/** A tenth of FULL_SIZES: the benchmark's growth section compares each query at both sizes. */
export const TENTH_SIZES: SyntheticSizes = { sales: 100_000, retirements: 10_000, changes: 100_000 };
export const TINY_SIZES: SyntheticSizes = { sales: 2_000, retirements: 200, changes: 2_000, changesPerOperation: 100 };

export const SYNTH = {
  sinkIssuer: 'GC7CDWMCWNCY7JYUW5UBEOLNBSTNDKKZSFTHKGZNPPSOXLFYFX3CSINK',
  carbonIssuer: 'GCBOATLWKXACOWKRRWORARDI2HFDSYPALMTS23YBZKHOB6XLW6CARBON',
  distributor: 'GABXJLJDNWRIGCVQPPC2FJ2NORUJBGLNOBYXKW7WQD3CUZS6YTFCS4ZP',
  usdcIssuer: 'GA5ZSEJYB37JRC5AVCIA5MOP4RHTM335X2KGX3IHOJAPP5RE34K4KZVN',
  funders: 2_000,
  recipients: 20_000,
  blockSize: 5_000,
  salesPerRetirementDefault: 9,
  startMs: Date.UTC(2022, 0, 1),
  endMs: Date.UTC(2026, 5, 30),
  firstLedger: 38_000_000,
  firstCertificate: 100_000,
};

const memo = new Map<string, string>();
const cachedAccount = (seed: string): string => {
  let a = memo.get(seed);
  if (a === undefined) memo.set(seed, (a = accountId(seed)));
  return a;
};
export const funderOf = (i: number): string => cachedAccount(`funder-${i % SYNTH.funders}`);
export const recipientOf = (i: number): string => cachedAccount(`recipient-${(i * 7919) % SYNTH.recipients}`);
const contracts = Array.from({ length: 7 }, (_, i) => contractId(`contract-${i}`));
export const saleHash = (i: number): string => createHash('sha256').update(`sale-${i}`).digest('hex');
export const SERIAL = (start: number, end: number) => `8040-${start}-${end}-VCU-042-MER-PE-14-1360-01072013-30062014-1`;

/** The serial hash of the b-th minted block (0-based), as the generator writes it. */
export const blockHash = (b: number): string =>
  createHash('sha256').update(SERIAL(b * SYNTH.blockSize + 1, (b + 1) * SYNTH.blockSize)).digest('hex');

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19);
const isoMs = (ms: number) => new Date(ms).toISOString();

/** Facts the benchmark needs to build realistic filters (an existing funder, a date in the middle, …). */
export interface SyntheticFacts {
  sizes: SyntheticSizes;
  saleCount: number;
  retirementCount: number;
  blockCount: number;
  changeCount: number;
  operationCount: number;
  /** The toid of the sale in the middle (a deep keyset cursor). */
  middleToid: string;
  middleCertificate: number;
  firstSaleAt: string;
  lastSaleAt: string;
  busyFunder: string;
  busyRecipient: string;
  middleOperationId: string;
  middleChangeKey: string;
  middleChangeSeq: number;
}

export function saleTime(i: number, n: number): number {
  return SYNTH.startMs + Math.floor(((SYNTH.endMs - SYNTH.startMs) * i) / Math.max(1, n));
}

/** The i-th sale's row, in sinking_txs column order. */
export function saleRow(i: number, n: number) {
  const at = saleTime(i, n);
  const tonnes = 1 + (i % 5);
  const kg = tonnes * 1000;
  const usdc = i % 5 !== 4;
  const price = 20 + (i % 17); // USD per tonne
  const dest = usdc ? BigInt(price * tonnes) * 10_000_000n : BigInt(kg) * 10_000n;
  const native = usdc && i % 3 === 0;
  const memoKind = i % 10;
  return {
    hash: saleHash(i),
    created_at: iso(at),
    contract_id: i % 1000 === 999 ? contracts[i % 7] as string : null,
    funder: funderOf(i),
    recipient: recipientOf(i),
    carbon_amount: kg,
    source_asset_code: native ? 'XLM' : usdc ? 'USDC' : 'CARBON',
    source_asset_issuer: native ? null : usdc ? SYNTH.usdcIssuer : SYNTH.carbonIssuer,
    source_asset_amount: native ? dest * 8n : dest,
    dest_asset_code: usdc ? 'USDC' : 'CARBON',
    dest_asset_issuer: usdc ? SYNTH.usdcIssuer : SYNTH.carbonIssuer,
    dest_asset_amount: dest,
    vcs_project_id: 1360,
    memo_type: memoKind < 6 ? 'text' : memoKind < 8 ? 'hash' : 'none',
    memo_value: memoKind < 6 ? `stellarcarbon ${i}` : memoKind < 8 ? saleHash(-i - 1) : null,
    toid: makeToid(SYNTH.firstLedger + Math.floor(i / 8), (i % 8) + 1, 2),
  };
}

/** json_object(...) of a row, as SQLite's change trigger writes it (integers bare, TOIDs beyond 2^53 exact). */
function jsonObject(row: Record<string, unknown>): string {
  const parts = Object.entries(row).map(([k, v]) => {
    const text = v === null ? 'null' : typeof v === 'bigint' || typeof v === 'number' ? String(v) : JSON.stringify(v);
    return `${JSON.stringify(k)}:${text}`;
  });
  return `{${parts.join(',')}}`;
}

function bulkPragmas(db: WriteDb): void {
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  db.pragma('temp_store = MEMORY');
}

export function generateSyntheticDb(file: string, sizes: SyntheticSizes, log: (msg: string) => void = () => undefined): SyntheticFacts {
  const db = openWriteDb(file, { onMigrated: recordSchemaChange });
  try {
    bulkPragmas(db);
    for (const name of AUDITED_TABLES.flatMap((t) => changeTriggerNames(t))) db.exec(`DROP TRIGGER IF EXISTS ${name}`);
    const facts = fill(db, sizes, log);
    installChangeTriggers(db, AUDITED_TABLES);
    db.pragma('synchronous = FULL');
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    return facts;
  } finally {
    db.close();
  }
}

function fill(db: WriteDb, sizes: SyntheticSizes, log: (msg: string) => void): SyntheticFacts {
  const n = sizes.sales;
  const perRet = Math.max(1, Math.min(SYNTH.salesPerRetirementDefault, Math.floor((n * 0.9) / Math.max(1, sizes.retirements))));
  const R = Math.min(sizes.retirements, Math.floor(n / perRet));
  const t0 = Date.now();
  const step = (what: string) => log(`${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  db.transaction(() => {
    const p = VCS_1360;
    db.prepare('INSERT INTO vcs_projects VALUES (?, ?, ?, ?, ?, ?, ?)').run(p.id, p.name, p.category, p.protocol, p.additional_certifications, p.region, p.country);

    const sale = db.prepare(`INSERT INTO sinking_txs VALUES (@hash, @created_at, @contract_id, @funder, @recipient, @carbon_amount,
      @source_asset_code, @source_asset_issuer, @source_asset_amount, @dest_asset_code, @dest_asset_issuer, @dest_asset_amount,
      @vcs_project_id, @memo_type, @memo_value, @toid)`);
    const dist = db.prepare('INSERT INTO distribution_txs VALUES (?, ?, ?, ?, ?, ?)');
    for (let i = 0; i < n; i++) {
      const r = saleRow(i, n);
      sale.run(r);
      dist.run(r.hash, r.created_at, SYNTH.distributor, r.recipient, r.carbon_amount, r.toid - 1n);
    }
    step(`${n} sinking txs + ${n} distribution txs`);

    // Credits needed: every retirement's tonnes, plus ~15 % still in the pool.
    let needed = 0;
    for (let k = 0; k < R * perRet; k++) needed += 1 + (k % 5);
    const blocks = Math.max(1, Math.ceil((needed * 1.15) / SYNTH.blockSize));
    const blockHashes: string[] = [];
    const mint = db.prepare(
      `INSERT INTO minted_blocks VALUES (?, ?, ?, 1360, ?, ?, ?, ?, ?, '2013-07-01', '2014-06-30', ?)`,
    );
    const span = SYNTH.endMs - SYNTH.startMs;
    for (let b = 0; b < blocks; b++) {
      const start = b * SYNTH.blockSize + 1;
      const end = start + SYNTH.blockSize - 1;
      const serial = SERIAL(start, end);
      const hash = createHash('sha256').update(serial).digest('hex');
      blockHashes.push(hash);
      // Minted before any of its credits can be retired (credits are used in order, ~87 % of them by the end).
      const at = SYNTH.startMs - 86_400_000 + Math.floor((span * (b * SYNTH.blockSize)) / (needed * 1.15));
      const pool = b % 4 === 0;
      mint.run(hash, createHash('sha256').update(`mint-${b}`).digest('hex'), iso(at), serial, start, end,
        pool ? 11273 : 11274, pool ? 'CARBON Pool | stellarcarbon.io' : 'CARBON Sink | stellarcarbon.io',
        makeToid(SYNTH.firstLedger - 100_000 + b * 50, 1, 1));
    }
    step(`${blocks} minted blocks`);

    const ret = db.prepare(`INSERT INTO retirements VALUES (?, ?, ?, ?, ?, ?, 1360, '2020-03-20', 'VCU', '2013-07-01', '2014-06-30', 97259)`);
    const rfb = db.prepare('INSERT INTO retirement_from_block VALUES (?, ?, ?)');
    const status = db.prepare('INSERT INTO sink_status VALUES (?, ?, ?, 1)');
    let credit = 1;
    for (let r = 0; r < R; r++) {
      const cert = SYNTH.firstCertificate + r;
      const first = r * perRet;
      let tonnes = 0;
      const hashes: string[] = [];
      for (let k = first; k < first + perRet; k++) {
        tonnes += 1 + (k % 5);
        hashes.push(saleHash(k));
      }
      const lastAt = saleTime(first + perRet - 1, n);
      const date = iso(lastAt + 86_400_000 * (2 + (r % 5))).slice(0, 10);
      const beneficiary = r % 3 === 0 ? recipientOf(first) : `Company ${r % 500} Ltd`;
      const start = credit;
      const end = credit + tonnes - 1;
      ret.run(cert, tonnes, SERIAL(start, end), date, beneficiary, `stellarcarbon.io ${hashes.join(' ')}`);
      hashes.forEach((h, j) => status.run(h, cert, (1 + ((first + j) % 5)) * 1000));
      for (let b = Math.floor((start - 1) / SYNTH.blockSize); b <= Math.floor((end - 1) / SYNTH.blockSize); b++) {
        const bs = b * SYNTH.blockSize + 1;
        const be = bs + SYNTH.blockSize - 1;
        rfb.run(cert, blockHashes[b], Math.min(end, be) - Math.max(start, bs) + 1);
      }
      credit = end + 1;
    }
    step(`${R} retirements, their blocks and ${R * perRet} sink statuses`);
  })();

  const ops = writeChangeLog(db, sizes, n);
  step(`${ops.changes} change-log rows in ${ops.operations} operations`);

  const mid = saleRow(Math.floor(n / 2), n);
  return {
    sizes,
    saleCount: n,
    retirementCount: R,
    blockCount: (db.prepare('SELECT count(*) AS c FROM minted_blocks').get() as { c: number }).c,
    changeCount: ops.changes,
    operationCount: ops.operations,
    middleToid: mid.toid.toString(),
    middleCertificate: SYNTH.firstCertificate + Math.floor(R / 2),
    firstSaleAt: saleRow(0, n).created_at,
    lastSaleAt: saleRow(n - 1, n).created_at,
    busyFunder: funderOf(1),
    busyRecipient: recipientOf(1),
    middleOperationId: ops.middleOperationId,
    middleChangeKey: mid.hash,
    middleChangeSeq: ops.middleSeq,
  };
}

/** The audit trail those inserts would have produced: operations (start, changes, finish) on one hash chain. */
function writeChangeLog(db: WriteDb, sizes: SyntheticSizes, n: number) {
  const total = sizes.changes;
  const perOp = sizes.changesPerOperation ?? 1000;
  const change = db.prepare(
    'INSERT INTO audit_changes (seq, operation_id, table_name, record_key, kind, before_json, after_json, changed_at, hash) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)',
  );
  const cols = ['seq', 'event', 'operation_id', 'at', 'kind', 'actor', 'host', 'pid', 'via', 'app_version', 'schema_version', 'params', 'note',
    'source_urls', 'command', 'status', 'duration_ms', 'result', 'error', 'latest_ledger'];
  const event = db.prepare(`INSERT INTO audit_operation_events (${cols.join(', ')}, hash) VALUES (${cols.map((c) => '@' + c).join(', ')}, @hash)`);
  // The chain continues after what opening the database wrote (its schema-change operation).
  const head = db.prepare('SELECT seq, hash FROM audit_head').get() as { seq: number; hash: string } | undefined;
  let seq = head?.seq ?? 0;
  let prev = head?.hash ?? GENESIS_HASH;
  let operations = 0;
  let middleOperationId = '';
  let middleSeq = 0;
  const empty = Object.fromEntries(cols.map((c) => [c, null])) as Record<string, string | number | null>;
  const appendEvent = (values: Record<string, string | number | null>) => {
    const row = { ...empty, ...values, seq: ++seq };
    prev = entryHash(prev, operationEventFields(row));
    event.run({ ...row, hash: prev });
  };
  db.transaction(() => {
    let written = 0;
    while (written < total) {
      const opId = `00000000-0000-4000-8000-${String(operations).padStart(12, '0')}`;
      const count = Math.min(perOp, total - written);
      const at = SYNTH.startMs + Math.floor(((SYNTH.endMs - SYNTH.startMs) * written) / total);
      appendEvent({
        event: 'start', operation_id: opId, at: isoMs(at), kind: 'catch-up', actor: 'bench', host: 'bench-host', pid: 1, via: 'cli',
        app_version: '0.1.0', schema_version: LATEST_SCHEMA_VERSION, params: '{}', source_urls: '["https://horizon.stellar.org"]',
      });
      for (let c = 0; c < count; c++, written++) {
        const i = written;
        const isSale = i < n;
        const table = isSale ? 'sinking_txs' : 'distribution_txs';
        const s = saleRow(isSale ? i : i - n, n);
        const key = isSale ? s.hash : String(s.toid - 1n);
        const after = isSale
          ? jsonObject(s)
          : jsonObject({ hash: s.hash, created_at: s.created_at, sender: SYNTH.distributor, recipient: s.recipient, carbon_amount: s.carbon_amount, toid: s.toid - 1n });
        const t = isoMs(at + c);
        seq++;
        prev = entryHash(prev, {
          after_json: after, before_json: null, changed_at: t, entry: 'change', kind: 'insert', operation_id: opId, record_key: key, seq, table_name: table,
        });
        change.run(seq, opId, table, key, 'insert', after, t, prev);
        if (i === Math.floor(n / 2)) {
          middleOperationId = opId;
          middleSeq = seq;
        }
      }
      appendEvent({ event: 'finish', operation_id: opId, at: isoMs(at + count + 1), status: 'ok', duration_ms: count + 1, result: `{"rows":${count}}` });
      operations++;
    }
  })();
  if (!middleOperationId) middleOperationId = '00000000-0000-4000-8000-000000000000';
  return { changes: total, operations, middleOperationId, middleSeq: middleSeq || Math.max(1, Math.floor(seq / 2)) };
}
