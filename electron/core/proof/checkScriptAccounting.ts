/**
 * The second half of the bundle's check.mjs: the fills (the loader's sink-status walk), each block's serial hash
 * against its mint memo, the tonne-to-serial assignment (serial-rule: kg positions from the retirement's first
 * credit, fills in retirement_details order), the audit entries and the hash chain up to the head
 * (audit/chain.ts: sha256(previous hash + canonical JSON of the entry)). Same raw-string rules as the first half.
 */
export const CHECK_SCRIPT_ACCOUNTING = String.raw`
// ---- fills: the loader's sink-status walk (sync/sinkStatus.ts) ------------------------------------------------
const detailsHashes = (r) => String(r.retirement_details || '').trim().split(/\s+/).slice(1);
const byCertificate = (a, b) => Number(a.certificate_id) - Number(b.certificate_id);
function fillOrder(r, statuses) {
  const order = detailsHashes(r);
  const mine = statuses.filter((s) => String(s.certificate_id) === String(r.certificate_id));
  for (const s of mine) if (!order.includes(s.sinking_tx_hash)) fail('retirement ' + r.certificate_id + ' fills ' + s.sinking_tx_hash + ', which its details do not list');
  return order.map((h) => mine.find((s) => s.sinking_tx_hash === h)).filter(Boolean);
}
function fills() {
  const [sale] = sales();
  const statuses = rowsOf('sink_status');
  const rets = rowsOf('retirements').sort(byCertificate);
  const carbon = Number(sale.carbon_amount);
  let filled = 0;
  const told = [];
  for (const r of rets) {
    const order = fillOrder(r, statuses);
    const total = order.reduce((n, s) => n + Number(s.amount_filled), 0);
    if (total > Number(r.vcu_amount) * 1000) fail('retirement ' + r.certificate_id + ' fills ' + total + ' kg, more than its ' + r.vcu_amount + ' credits');
    const at = order.findIndex((s) => s.sinking_tx_hash === SALE);
    if (at < 0) continue;
    const before = order.slice(0, at).reduce((n, s) => n + Number(s.amount_filled), 0);
    const fill = Math.min(carbon - filled, Number(r.vcu_amount) * 1000 - before);
    if (fill <= 0) fail('retirement ' + r.certificate_id + ' has nothing left for the sale (the loader would refuse it)');
    filled += fill;
    same('fill of retirement ' + r.certificate_id, fill, order[at].amount_filled);
    same('finalized after retirement ' + r.certificate_id, filled === carbon ? 1 : 0, Number(order[at].finalized));
    told.push(r.certificate_id + ' ' + fill + ' kg');
  }
  const stored = statuses.filter((s) => s.sinking_tx_hash === SALE).length;
  same('retirements filling the sale', told.length, stored);
  return (told.join(', ') || 'none yet') + '; ' + filled + ' of ' + carbon + ' kg filled';
}

// ---- blocks: sha256(serial) is the mint memo; the range is the serial's ------------------------------------------
function blocks() {
  const mints = new Map(fileOf('horizon-mint').map((f) => [f.transaction_hash, f.path]));
  const rows = rowsOf('minted_blocks');
  for (const b of rows) {
    const file = mints.get(b.transaction_hash);
    if (!file) fail('no Horizon answer for the mint ' + b.transaction_hash);
    const ops = recordsOf(file);
    const m = ops.filter((o) => o.from === cfg.carbonIssuer && o.to === cfg.carbonDistributor && o.asset_code === 'CARBON');
    const op = m.find((o) => o.paging_token === String(b.toid)) || m[0];
    if (!op) fail('transaction ' + b.transaction_hash + ' mints no CARBON to the distributor');
    if (!op.transaction || op.transaction.memo_type !== 'hash') fail('the mint ' + b.transaction_hash + ' has no hash memo');
    const what = 'block ' + b.serial_hash.slice(0, 8) + '…';
    same(what + ' mint memo', memoHex(op.transaction.memo), b.serial_hash);
    same(what + ' sha256(serial)', sha256(String(b.serial_number)), b.serial_hash);
    const s = serialRange(b.serial_number);
    same(what + ' block_start', s.start, b.block_start);
    same(what + ' block_end', s.end, b.block_end);
    same(what + ' size (mint amount)', /^(\d+)/.exec(op.amount)[1], s.end - s.start + 1);
    same(what + ' created_at', utcDateTime(op.created_at), b.created_at);
    same(what + ' toid', op.paging_token, b.toid);
  }
  return rows.map((b) => b.serial_hash.slice(0, 8) + '… ' + b.block_start + '–' + b.block_end).join(', ');
}

// ---- the tonne-to-serial assignment ----------------------------------------------------------------------------------
function assignmentRanges() {
  const statuses = rowsOf('sink_status');
  const links = rowsOf('retirement_from_block');
  const blockRows = rowsOf('minted_blocks');
  const out = [];
  for (const r of rowsOf('retirements').sort(byCertificate)) {
    let pos = serialRange(r.serial_number).start * 1000;
    for (const s of fillOrder(r, statuses)) {
      const a = pos;
      const b = pos + Number(s.amount_filled);
      pos = b;
      if (s.sinking_tx_hash !== SALE) continue;
      const named = links.filter((l) => String(l.retirement_id) === String(r.certificate_id)).map((l) => blockRows.find((x) => x.serial_hash === l.block_hash));
      if (named.includes(undefined)) fail('retirement ' + r.certificate_id + ' names a block the bundle does not hold');
      let covered = 0;
      for (const blk of named.sort((x, y) => Number(x.block_start) - Number(y.block_start))) {
        const lo = Math.max(a, Number(blk.block_start) * 1000);
        const hi = Math.min(b, (Number(blk.block_end) + 1) * 1000);
        if (lo >= hi) continue;
        covered += hi - lo;
        out.push({ sale_hash: SALE, certificate_id: Number(r.certificate_id), block_hash: blk.serial_hash, first_serial: Math.floor(lo / 1000), last_serial: Math.floor((hi - 1) / 1000), kg: hi - lo });
      }
      if (covered !== b - a) fail('retirement ' + r.certificate_id + ': ' + (b - a - covered) + ' kg of credits ' + Math.floor(a / 1000) + '–' + Math.floor((b - 1) / 1000) + ' lie outside any block it names');
    }
  }
  return out;
}
function assignment() {
  const [sale] = sales();
  const got = assignmentRanges();
  const want = readJson(fileOf('assignment')[0].path).ranges;
  same('number of serial ranges', got.length, want.length);
  got.forEach((g, i) => sameRow('serial range ' + (i + 1), g, want[i]));
  const kg = got.reduce((n, g) => n + g.kg, 0);
  const finalized = rowsOf('sink_status').some((s) => s.sinking_tx_hash === SALE && Number(s.finalized) === 1);
  if (finalized && kg !== Number(sale.carbon_amount)) fail('unbacked tonnes: ' + (Number(sale.carbon_amount) - kg) + ' kg of the finalized sale have no serial');
  return got.map((g) => 'serials ' + g.first_serial + '–' + g.last_serial + ' (block ' + g.block_hash.slice(0, 8) + '…, retirement ' + g.certificate_id + ', ' + g.kg + ' kg)').join('; ') || 'no serials yet';
}

// ---- the audit trail: entries and the hash chain up to the head ----------------------------------------------
function canonical(fields) {
  return '{' + Object.keys(fields).sort().map((k) => JSON.stringify(k) + ':' + JSON.stringify(fields[k] === undefined ? null : fields[k])).join(',') + '}';
}
const entryHash = (prev, fields) => sha256(prev + canonical(fields));
let chain;
let chainAt;
function loadChain() {
  chain = readJson('audit/chain.json');
  chainAt = new Map(chain.entries.map((e) => [e.seq, e]));
}
const hashBefore = (seq) => (seq - 1 === chain.prev_seq ? chain.prev_hash : (chainAt.get(seq - 1) || {}).hash);
function auditEntries() {
  for (const e of entries) {
    const c = chainAt.get(e.seq);
    if (!c) fail('entry seq ' + e.seq + ' is not in the chain');
    same('entry seq ' + e.seq + ' fields (entries vs chain)', canonical(e.fields), canonical(c.fields));
    same('entry seq ' + e.seq + ' hash', entryHash(hashBefore(e.seq), e.fields), e.hash);
  }
  const listed = new Set(entries.map((e) => e.seq));
  const certs = new Set(rowsOf('retirements').map((r) => String(r.certificate_id)));
  const blockHashes = new Set(rowsOf('retirement_from_block').map((l) => l.block_hash));
  const concerns = {
    sinking_txs: (r) => r.hash === SALE,
    sink_status: (r) => r.sinking_tx_hash === SALE || certs.has(String(r.certificate_id)),
    retirements: (r) => certs.has(String(r.certificate_id)),
    retirement_from_block: (r) => certs.has(String(r.retirement_id)),
    minted_blocks: (r) => blockHashes.has(r.serial_hash),
  };
  for (const c of chain.entries) {
    if (c.fields.entry !== 'change' || listed.has(c.seq)) continue;
    const n = newest.get(c.fields.table_name + ' ' + c.fields.record_key);
    if (n && c.seq > n.seq) fail(c.fields.table_name + ' ' + c.fields.record_key + ' changed again at seq ' + c.seq + ', which the entries leave out');
    const test = concerns[c.fields.table_name];
    const state = c.fields.after_json || c.fields.before_json;
    if (test && state && test(parseExact(state))) fail('the entries leave out ' + c.fields.table_name + ' ' + c.fields.record_key + ' (seq ' + c.seq + '), a row of this sale');
  }
  return entries.length + ' entries of ' + newest.size + ' rows, each hashed into the chain';
}
function hashChain() {
  let prev = chain.prev_hash;
  let seq = chain.prev_seq;
  for (const e of chain.entries) {
    same('chain seq', e.seq, seq + 1);
    same('hash of seq ' + e.seq, entryHash(prev, e.fields), e.hash);
    prev = e.hash;
    seq = e.seq;
  }
  same('head seq', seq, manifest.head.seq);
  same('head hash', prev, manifest.head.hash);
  return 'seq ' + (chain.prev_seq + 1) + '–' + seq + ' recomputed; head ' + prev;
}

// ---- signatures (FILE.sig.json, SEP-53): ed25519 over sha256("Stellar Signed Message:\n" + message) -------------
function publicKeyOf(g) {
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of String(g)) {
    const i = ALPHABET.indexOf(ch);
    if (i < 0) fail('public key ' + g + ' is not base32');
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  const raw = Buffer.from(out);
  if (raw.length !== 35 || raw[0] !== 6 << 3) fail('public key ' + g + ' is not a G… account key');
  let crc = 0;
  for (const byte of raw.subarray(0, 33)) {
    crc ^= byte << 8;
    for (let k = 0; k < 8; k++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  if (raw.readUInt16LE(33) !== crc) fail('public key ' + g + ' has a bad checksum');
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw.subarray(1, 33)]);
  return createPublicKey({ key: spki, format: 'der', type: 'spki' });
}
function signatures() {
  if (!existsSync(join(here, 'manifest.json.sig.json'))) return 'none: the bundle is not signed';
  const signers = new Set();
  for (const rel of ['manifest.json', ...manifest.files.map((f) => f.path)]) {
    const sig = readJson(rel + '.sig.json');
    const m = /^Stellarcarbon Audit Explorer signature\nsha256: ([0-9a-f]{64})\naudit-head: (\d+) ([0-9a-f]{64})\nsigned-at: \S+\n$/.exec(String(sig.message));
    if (!m) fail(rel + '.sig.json: the message is not a signature message');
    same(rel + ' sha256 (signed)', sha256(readBytes(rel)), m[1]);
    same(rel + ' signed audit head', m[2] + ' ' + m[3], manifest.head.seq + ' ' + manifest.head.hash);
    const digest = createHash('sha256').update('Stellar Signed Message:\n', 'utf8').update(sig.message, 'utf8').digest();
    if (!verify(null, digest, publicKeyOf(sig.public_key), Buffer.from(String(sig.signature), 'base64'))) fail(rel + '.sig.json: the signature does not hold for ' + sig.public_key);
    signers.add(sig.public_key);
  }
  if (signers.size !== 1) fail('the files are signed by ' + signers.size + ' different keys');
  return manifest.files.length + 1 + ' files signed by ' + [...signers][0] + ' at the head';
}

const STEPS = [
  ['manifest', checkManifest],
  ['signatures', signatures],
  ['sale row', saleRow],
  ['sale transaction', saleTransaction],
  ['retirements', retirementsFromVerra],
  ['fills', fills],
  ['blocks', blocks],
  ['assignment', assignment],
  ['audit entries', auditEntries],
  ['hash chain', hashChain],
];
try {
  for (const [name, fn] of STEPS) step(name, fn);
  console.log('ALL STEPS HOLD');
} catch (err) {
  console.log('MISMATCH ' + current + ': ' + (err instanceof Mismatch ? err.message : (err && err.stack) || String(err)));
  process.exit(1);
}
`;
