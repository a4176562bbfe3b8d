/**
 * The first half of the bundle's check.mjs (Node's standard library only): helpers, the manifest, the stored rows
 * (from the audit entries), and the sale, its transaction and the retirements re-derived with the loader's rules
 * (sync/horizonRows.ts, sync/retirementRows.ts). Plain JavaScript in a raw string: no backticks, no template
 * placeholders, so the text is written out byte for byte.
 */
export const CHECK_SCRIPT_EVIDENCE = String.raw`#!/usr/bin/env node
// check.mjs: re-checks this proof bundle offline, with Node's standard library only (Node 18 or newer).
// Run it from anywhere: node check.mjs   Exit code 0: every step holds; 1: the first mismatch, named.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const readBytes = (p) => readFileSync(join(here, p));
const sha256 = (data) => createHash('sha256').update(data).digest('hex');

class Mismatch extends Error {}
let current = 'start';
function step(name, fn) {
  current = name;
  const detail = fn();
  console.log('ok       ' + name + (detail ? ': ' + detail : ''));
}
function fail(message) {
  throw new Mismatch(message);
}
function same(what, got, want) {
  const g = got === undefined ? null : got;
  const w = want === undefined ? null : want;
  if ((g === null) !== (w === null) || String(g) !== String(w)) fail(what + ': recomputed ' + JSON.stringify(g) + ', the bundle says ' + JSON.stringify(w));
}
function readJson(p) {
  try {
    return JSON.parse(readBytes(p).toString('utf8'));
  } catch (err) {
    fail(p + ' is not readable JSON (' + err.message + ')');
  }
}
/** JSON whose integers beyond 2^53 (TOIDs) are kept as their digits: they are quoted before parsing. */
function parseExact(text) {
  return JSON.parse(text.replace(/("(?:[^"\\]|\\.)*")|(?<![\d.])(-?\d{16,})(?![\d.eE])/g, (m, s, n) => (s !== undefined ? s : '"' + n + '"')));
}

// ---- manifest: every file is the one the bundle was written with --------------------------------------------
let manifest;
let cfg;
let SALE;
function checkManifest() {
  manifest = readJson('manifest.json');
  cfg = manifest.config;
  SALE = manifest.sale_hash;
  if (!Array.isArray(manifest.files) || !/^[0-9a-f]{64}$/.test(String(SALE))) fail('manifest.json names no sale and no files');
  for (const f of manifest.files) {
    let bytes;
    try {
      bytes = readBytes(f.path);
    } catch {
      fail(f.path + ' is missing');
    }
    if (sha256(bytes) !== f.sha256) fail(f.path + ': sha256 ' + sha256(bytes) + ', the manifest says ' + f.sha256 + ' (the file was changed)');
  }
  loadEntries();
  loadChain();
  return 'sale ' + SALE + ', ' + manifest.files.length + ' files match their sha256';
}
const fileOf = (kind) => manifest.files.filter((f) => f.kind === kind);

// ---- the stored rows: each row's newest audit entry (after_json), as the database held it at the head ------
let entries = [];
const newest = new Map();
function loadEntries() {
  entries = readJson('audit/entries.json').entries;
  for (const e of entries) {
    const key = e.fields.table_name + ' ' + e.fields.record_key;
    const prev = newest.get(key);
    if (!prev || prev.seq < e.seq) newest.set(key, e);
  }
}
function rowsOf(table) {
  const out = [];
  for (const e of newest.values()) {
    if (e.fields.table_name !== table) continue;
    if (e.fields.after_json === null) fail(table + ' ' + e.fields.record_key + ' was deleted (audit seq ' + e.seq + ')');
    out.push(parseExact(e.fields.after_json));
  }
  return out;
}

// ---- the loader's rules (sync/horizonRows.ts) ----------------------------------------------------------------
function decimal(text, scale, label) {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(String(text));
  if (!m) fail(label + ': ' + JSON.stringify(text) + ' is not a decimal');
  const frac = m[2] || '';
  if (/[^0]/.test(frac.slice(scale))) fail(label + ': ' + text + ' has more than ' + scale + ' decimals');
  return BigInt(m[1] + frac.slice(0, scale).padEnd(scale, '0')).toString();
}
function utcDateTime(t) {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})Z$/.exec(t);
  return m ? m[1] + 'T' + m[2] : new Date(Date.parse(t)).toISOString().slice(0, 19);
}
function memoHex(b64) {
  const bytes = Buffer.from(String(b64), 'base64');
  if (bytes.length !== 32 || bytes.toString('base64') !== b64) fail('hash memo ' + JSON.stringify(b64) + ' is not base64 of 32 bytes');
  return bytes.toString('hex');
}
function memoOf(tx) {
  if (!tx) fail('the operation has no joined transaction');
  if (tx.memo_type === 'none') return { memo_type: 'none', memo_value: null };
  if (tx.memo_type === 'text') return { memo_type: 'text', memo_value: tx.memo === undefined ? '' : tx.memo };
  if (tx.memo_type === 'hash') return { memo_type: 'hash', memo_value: memoHex(tx.memo) };
  fail('memo type ' + JSON.stringify(tx.memo_type) + ' is not text, hash or none');
}
function recordsOf(path) {
  const doc = readJson(path);
  const records = doc && doc._embedded && doc._embedded.records;
  if (!Array.isArray(records)) fail(path + ' has no _embedded.records list');
  return records;
}
function saleFromHorizon(ops, toid) {
  const sinks = ops.filter((o) => o.type_i === 1 && o.from === cfg.sinkIssuer && o.asset_code === 'CarbonSINK');
  const pay = sinks.find((o) => o.paging_token === toid) || sinks[0];
  if (!pay) fail('the transaction pays out no CarbonSINK from ' + cfg.sinkIssuer);
  const op = ops.find((o) => o.type_i === 1 || o.type_i === 2 || o.type_i === 13);
  if (!op || !op.asset_code || !op.asset_issuer) fail('the transaction has no payment operation in an issued asset');
  const native = op.source_asset_type === 'native';
  return {
    hash: pay.transaction_hash,
    created_at: utcDateTime(pay.created_at),
    contract_id: null,
    funder: op.from,
    recipient: pay.to,
    carbon_amount: decimal(pay.amount, 3, 'carbon amount'),
    source_asset_code: native ? 'XLM' : op.source_asset_code || op.asset_code,
    source_asset_issuer: native ? null : op.source_asset_issuer || op.asset_issuer,
    source_asset_amount: decimal(op.source_amount || op.amount, 7, 'source amount'),
    dest_asset_code: op.asset_code,
    dest_asset_issuer: op.asset_issuer,
    dest_asset_amount: decimal(op.amount, 7, 'amount'),
    vcs_project_id: 1360,
    ...memoOf(pay.transaction),
    toid: pay.paging_token,
  };
}
function sameRow(what, derived, stored) {
  for (const k of Object.keys(derived)) same(what + ' ' + k, derived[k], stored[k]);
}

const sales = () => rowsOf('sinking_txs').filter((r) => r.hash === SALE);
function saleRow() {
  const [sale] = sales();
  if (!sale) fail('the audit entries hold no sinking_txs row ' + SALE);
  sameRow('sale', saleFromHorizon(recordsOf(fileOf('horizon-sale-operations')[0].path), String(sale.toid)), sale);
  return SALE.slice(0, 12) + '… ' + sale.carbon_amount + ' kg to ' + sale.recipient + ', ' + Object.keys(sale).length + ' fields as stored';
}
function saleTransaction() {
  const tx = readJson(fileOf('horizon-sale-transaction')[0].path);
  const joined = recordsOf(fileOf('horizon-sale-operations')[0].path)[0];
  same('transaction hash', tx.hash, SALE);
  same('transaction successful', tx.successful, true);
  if (!joined || !joined.transaction) fail('the operations answer has no joined transaction');
  for (const k of ['hash', 'created_at', 'memo_type', 'memo', 'ledger']) same('transaction ' + k + ' (transaction vs operations answer)', tx[k], joined.transaction[k]);
  return 'ledger ' + tx.ledger + ', memo ' + tx.memo_type;
}

// ---- Verra: the registry's items for the retirements that fill the sale --------------------------------------
const serialRange = (sn) => {
  const p = String(sn).split('-');
  if (p.length < 12 || !/^\d+$/.test(p[1]) || !/^\d+$/.test(p[2])) fail('serial ' + JSON.stringify(sn) + ' is not a VCS serial number');
  return { start: Number(p[1]), end: Number(p[2]) };
};
function retirementsFromVerra() {
  const items = new Map();
  for (const f of fileOf('verra-search')) for (const it of readJson(f.path).value || []) items.set(String(it.holdingIdentifier), it);
  const rows = rowsOf('retirements');
  for (const r of rows) {
    const it = items.get(String(r.certificate_id));
    if (!it) fail('the Verra answers list no retirement ' + r.certificate_id);
    const derived = { vcu_amount: it.quantity, serial_number: it.serialNumbers, retirement_details: it.retirementDetails, vcs_project_id: it.resourceIdentifier };
    sameRow('retirement ' + r.certificate_id, derived, r);
    const s = serialRange(it.serialNumbers);
    same('retirement ' + r.certificate_id + ' credits in its serial', s.end - s.start + 1, it.quantity);
  }
  return rows.map((r) => r.certificate_id).join(', ');
}
`;
