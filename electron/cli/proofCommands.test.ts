import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { Engine } from '../core/engine.js';
import { runProofBundle } from '../core/proof/bundle.js';
import { runCliCaptured } from '../testkit/cliHarness.js';
import { CliWorld } from '../testkit/cliWorld.js';
import { SEARCH_PATH } from '../testkit/fakeWorld/server.js';
import { worldFromScData } from '../testkit/fakeWorld/fromScData.js';
import { closedPort, copyBundle, flipByte, forgeJson, readManifest, runProofCheck } from '../testkit/proofBundle.js';
import { hasShared, SC_DATA_DIR } from '../testkit/sharedDir.js';
import { keyFile, SEP53_PUBLIC } from '../testkit/signingKeys.js';

/** The second of three sales retirement 188439 fills: its kg start 2504 kg into the retirement's first credit. */
const SALE = '263f997b4a2326df41ec2b346d79cbca4c06d2d72cff381620d39ca3ebe552f4';

type Json = Record<string, unknown> & { _embedded: { records: Record<string, unknown>[] } };

/** One forgery per evidence file (its manifest sha256 updated), and the step of check.mjs that must catch it. */
const FORGERIES: Record<string, { step: string; edit: (v: unknown) => void }> = {
  'horizon-sale-transaction': { step: 'sale transaction', edit: (t) => Object.assign(t as object, { memo: 'forged memo' }) },
  'horizon-sale-operations': {
    step: 'sale row',
    edit: (v) => (v as Json)._embedded.records.filter((r) => r.asset_code === 'CarbonSINK').forEach((r) => (r.amount = '2.4530000')),
  },
  'horizon-mint': {
    step: 'blocks',
    edit: (v) => (v as Json)._embedded.records.forEach((r) => Object.assign(r.transaction as object, { memo: Buffer.alloc(32).toString('base64') })),
  },
  'verra-search': {
    step: 'retirements',
    edit: (v) => (v as { value: Record<string, unknown>[] }).value.filter((i) => String(i.holdingIdentifier) === '188439').forEach((i) => (i.quantity = 10)),
  },
  'audit-entries': { step: 'audit entries', edit: (v) => Object.assign((v as { entries: { fields: object }[] }).entries[0]!.fields, { changed_at: '2000-01-01T00:00:00.000Z' }) },
  'audit-chain': {
    step: 'hash chain',
    edit: (v) => Object.assign((v as { entries: { fields: { entry: string } }[] }).entries.find((e) => e.fields.entry === 'operation')!.fields, { actor: 'mallory' }),
  },
  assignment: { step: 'assignment', edit: (v) => ((v as { ranges: { kg: number }[] }).ranges[0]!.kg += 1) },
};

describe.skipIf(!hasShared)('proof HASH --out DIR against the fake world', () => {
  const w = new CliWorld();
  let bundle = '';
  beforeAll(async () => {
    await w.start(worldFromScData(SC_DATA_DIR), 'sc-proof-');
    await w.cli('catch-up', '--fresh');
    bundle = path.join(w.dir, 'bundle');
    await w.cli('proof', SALE, '--out', bundle);
  }, 120_000);
  afterAll(() => w.close());

  it('writes a bundle whose check.mjs passes offline, step by step', () => {
    const r = runProofCheck(bundle);
    expect(r.out).toContain('ALL STEPS HOLD');
    expect(r.code).toBe(0);
    expect(r.out).toContain('ok       signatures: none: the bundle is not signed');
    for (const step of ['manifest', 'signatures', 'sale row', 'sale transaction', 'retirements', 'fills', 'blocks', 'assignment', 'audit entries', 'hash chain']) {
      expect(r.out).toMatch(new RegExp(`^ok +${step}:`, 'm'));
    }
    expect(r.out).toContain('fills: 188439 2452 kg; 2452 of 2452 kg filled');
    expect(r.out).toContain('serials 449402285–449402287 (block 174aff77…, retirement 188439, 2452 kg)');
    const m = readManifest(bundle);
    expect(m.files.map((f) => f.kind).sort()).toEqual(
      ['assignment', 'audit-chain', 'audit-entries', 'horizon-mint', 'horizon-sale-operations', 'horizon-sale-transaction', 'readme', 'script', 'verra-search'].sort(),
    );
    const readme = fs.readFileSync(path.join(bundle, 'README.md'), 'utf8');
    for (const f of m.files) expect(readme).toContain(`\`${f.path}\``);
    expect(readme).toContain('node check.mjs');
    expect(fs.readFileSync(path.join(bundle, 'check.mjs'), 'utf8').match(/^import .*$/gm)?.map((l) => /from '([^']+)'/.exec(l)?.[1])).toEqual(['node:crypto', 'node:fs', 'node:path', 'node:url']);
  });

  it('fails, naming the manifest, when any byte of any file changes', () => {
    for (const f of readManifest(bundle).files) {
      const copy = copyBundle(bundle, path.join(w.dir, `flip-${f.kind}-${path.basename(f.path)}`));
      flipByte(path.join(copy, f.path));
      const r = runProofCheck(copy);
      expect(r.code, f.path).toBe(1);
      if (f.kind !== 'script') expect(r.out, f.path).toMatch(/^MISMATCH manifest: .*the file was changed/m);
    }
  });

  it('fails at the step that recomputes it when an evidence file is forged and the manifest updated to match', () => {
    const files = readManifest(bundle).files.filter((f) => f.kind !== 'readme' && f.kind !== 'script');
    expect(new Set(files.map((f) => f.kind))).toEqual(new Set(Object.keys(FORGERIES)));
    for (const f of files) {
      const forgery = FORGERIES[f.kind]!;
      const copy = copyBundle(bundle, path.join(w.dir, `forge-${f.kind}-${path.basename(f.path)}`));
      forgeJson(copy, f.path, forgery.edit);
      const r = runProofCheck(copy);
      expect(r.code, f.path).toBe(1);
      expect(r.out, f.path).toMatch(new RegExp(`^MISMATCH ${forgery.step}: `, 'm'));
    }
    // Leaving a fill of the sale out of the entries (a row hidden, not altered) is caught as well.
    const hidden = copyBundle(bundle, path.join(w.dir, 'forge-hidden-row'));
    forgeJson(hidden, 'audit/entries.json', (v) => {
      const e = v as { entries: { fields: { table_name: string; after_json: string | null } }[] };
      e.entries = e.entries.filter((x) => !(x.fields.table_name === 'sink_status' && x.fields.after_json?.includes(SALE)));
    });
    expect(runProofCheck(hidden).out).toMatch(/^MISMATCH \w[\w ]*: /m);
    const copy = copyBundle(bundle, path.join(w.dir, 'forge-manifest'));
    forgeJson(copy, 'manifest.json', (m) => Object.assign((m as { head: object }).head, { hash: 'f'.repeat(64) }));
    expect(runProofCheck(copy).out).toMatch(/^MISMATCH hash chain: head hash/m);
  });

  it('signs every file of the bundle with the configured key', async () => {
    const dir = path.join(w.dir, 'signed');
    await w.cli('proof', SALE, '--out', dir, '--key-file', keyFile());
    for (const f of readManifest(dir).files) expect(fs.existsSync(path.join(dir, `${f.path}.sig.json`)), f.path).toBe(true);
    expect(fs.existsSync(path.join(dir, 'manifest.json.sig.json'))).toBe(true);
    const ok = runProofCheck(dir);
    expect(ok.out).toContain(`ok       signatures: 10 files signed by ${SEP53_PUBLIC} at the head`);
    expect(ok.code).toBe(0);
    expect(await w.cli('verify-signature', path.join(dir, 'audit', 'chain.json'))).toContain('signature: OK');

    // A forged head with a manifest to match no longer matches the manifest's signature; a forged signature fails too.
    const forged = copyBundle(dir, path.join(w.dir, 'signed-forged-head'));
    forgeJson(forged, 'manifest.json', (m) => Object.assign((m as { head: object }).head, { hash: 'f'.repeat(64) }));
    expect(runProofCheck(forged).out).toMatch(/^MISMATCH signatures: manifest\.json sha256 \(signed\)/m);
    const badSig = copyBundle(dir, path.join(w.dir, 'signed-bad-signature'));
    forgeJson(badSig, 'check.mjs.sig.json', (sig) => Object.assign(sig as object, { signature: Buffer.alloc(64, 7).toString('base64') }));
    const r = runProofCheck(badSig);
    expect(r.out).toMatch(/^MISMATCH signatures: check\.mjs\.sig\.json: the signature does not hold/m);
    expect(r.code).toBe(1);
  });

  it('names the source that fails and leaves no folder behind; refuses a folder that is not empty', async () => {
    const dir = path.join(w.dir, 'verra-down');
    w.server.faults.add(SEARCH_PATH, { kind: 'status', status: 400, title: 'Bad Request' });
    const r = await runCliCaptured(['--db', w.dbPath, 'proof', SALE, '--out', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Verra asset search http:\/\/127\.0\.0\.1:\d+\S* could not be read, so no proof bundle was written/);
    expect(fs.existsSync(dir)).toBe(false);
    expect(fs.readdirSync(w.dir).filter((n) => n.includes('.partial'))).toEqual([]);

    const closed = await closedPort();
    vi.stubEnv('SC_HORIZON_URL', `http://127.0.0.1:${closed}`);
    const engine = new Engine(w.dbPath);
    try {
      const err = await runProofBundle(engine, { hash: SALE, outDir: dir, http: { maxRetries: 0 } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).message).toMatch(/^Horizon http:\/\/127\.0\.0\.1:\d+ could not be read, so no proof bundle was written: .*ECONNREFUSED/);
    } finally {
      engine.close();
    }
    expect(fs.existsSync(dir)).toBe(false);
    expect(fs.readdirSync(w.dir).filter((n) => n.includes('.partial'))).toEqual([]);

    const again = await runCliCaptured(['--db', w.dbPath, 'proof', SALE, '--out', bundle]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('is not empty; name a new or empty folder');
  });
});
