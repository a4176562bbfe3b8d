import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ProofBundleResult } from '../../../shared/api/proof.js';
import { AppError } from '../../../shared/errors.js';
import type { Engine } from '../engine.js';
import { tempPathFor } from '../files/atomicFile.js';
import { removeStalePartials } from '../files/stalePartials.js';
import { engineSourceConfig } from '../settings/effective.js';
import { signatureResult, signFiles } from '../signing/signFiles.js';
import { HttpClient, type HttpOptions } from '../sources/http.js';
import { APP_VERSION } from '../version.js';
import { saleBacking } from './assignment.js';
import { CHECK_SCRIPT_ACCOUNTING } from './checkScriptAccounting.js';
import { CHECK_SCRIPT_EVIDENCE } from './checkScriptEvidence.js';
import { fetchEvidence, type EvidenceFile } from './fetchEvidence.js';
import { gatherProofRows } from './gather.js';
import { proofReadme } from './readme.js';

/**
 * `proof HASH --out DIR`: one recorded operation ('proof') writing a folder that re-checks one sale offline (see
 * the README it writes). Everything is written into a hidden temporary folder beside DIR and renamed at the end, so a
 * source that fails leaves nothing behind; the files are then signed when a signing key is configured.
 */
export interface ProofOptions {
  hash: string;
  /** Default: proofs/sale-<hash prefix>-<time> beside the database. */
  outDir?: string;
  note?: string;
  via?: string;
  signal?: AbortSignal;
  http?: HttpOptions;
  now?: Date;
}

export function defaultProofDir(engine: Engine, hash: string, now: Date): string {
  if (engine.dbPath === ':memory:') throw new AppError('BAD_INPUT', 'Name an output folder (outDir): an in-memory database has no folder of its own.');
  const stamp = now.toISOString().replace(/[-:]/g, '').slice(0, 15);
  return path.join(path.dirname(engine.dbPath), 'proofs', `sale-${hash.slice(0, 12)}-${stamp}Z`);
}

function freeTarget(dir: string): void {
  if (!fs.existsSync(dir)) return;
  if (!fs.statSync(dir).isDirectory()) throw new AppError('BAD_INPUT', `${dir} is a file; name a new folder for the proof bundle.`);
  if (fs.readdirSync(dir).length > 0) throw new AppError('BAD_INPUT', `${dir} is not empty; name a new or empty folder for the proof bundle.`);
}

const writeJson = (dir: string, rel: string, value: unknown) => {
  const file = path.join(dir, ...rel.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 1)}\n`);
};

export async function runProofBundle(engine: Engine, opts: ProofOptions): Promise<ProofBundleResult> {
  const now = opts.now ?? new Date();
  const target = path.resolve(opts.outDir ?? defaultProofDir(engine, opts.hash, now));
  freeTarget(target);
  const config = engineSourceConfig(engine);
  const keypair = await engine.signingKeys.keypair();
  const params = { hash: opts.hash, outDir: target };
  const sourceUrls = [config.horizonUrl, config.verraAssetSearchUrl];
  return engine.runOperation({ kind: 'proof', params, sourceUrls, note: opts.note, via: opts.via, writes: false, signal: opts.signal }, async (op) => {
    const rows = gatherProofRows(engine.reader(), opts.hash);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    removeStalePartials(target);
    const tmp = tempPathFor(target);
    fs.mkdirSync(tmp);
    try {
      const http = new HttpClient({ ...opts.http, signal: opts.signal ?? opts.http?.signal });
      const files: EvidenceFile[] = await fetchEvidence(http, config, rows, tmp);
      writeJson(tmp, 'audit/entries.json', { entries: rows.entries });
      writeJson(tmp, 'audit/chain.json', rows.chain);
      writeJson(tmp, 'expected/assignment.json', { rule: 'serial-rule (kg positions from the first credit, fills in retirement_details order)', ranges: saleBacking(engine.reader(), opts.hash) });
      files.push(
        { path: 'audit/entries.json', kind: 'audit-entries', proves: 'the rows as stored, by their audit-trail entries' },
        { path: 'audit/chain.json', kind: 'audit-chain', proves: 'the entries are in the hash chain up to the head' },
        { path: 'expected/assignment.json', kind: 'assignment', proves: "the app's assignment of the sale's tonnes to serial numbers" },
      );
      const signed = keypair !== null;
      const readme = proofReadme({
        sale: opts.hash,
        head: rows.head,
        createdAt: now.toISOString(),
        appVersion: APP_VERSION,
        files: files.filter((f) => f.kind.startsWith('horizon') || f.kind === 'verra-search'),
        signed,
        horizonUrl: config.horizonUrl,
        verraUrl: config.verraAssetSearchUrl,
      });
      fs.writeFileSync(path.join(tmp, 'README.md'), readme);
      fs.writeFileSync(path.join(tmp, 'check.mjs'), CHECK_SCRIPT_EVIDENCE + CHECK_SCRIPT_ACCOUNTING);
      files.push({ path: 'README.md', kind: 'readme', proves: 'what each file proves' }, { path: 'check.mjs', kind: 'script', proves: 'the check' });
      const listed = files.map((f) => ({ ...f, ...digest(path.join(tmp, ...f.path.split('/'))) }));
      const manifest = {
        format: 'sc-audit-proof-bundle/1',
        sale_hash: opts.hash,
        created_at: now.toISOString(),
        app_version: APP_VERSION,
        head: rows.head,
        config: { horizonUrl: config.horizonUrl, verraAssetSearchUrl: config.verraAssetSearchUrl, sinkIssuer: config.sinkIssuer, carbonIssuer: config.carbonIssuer, carbonDistributor: config.carbonDistributor },
        files: listed,
      };
      writeJson(tmp, 'manifest.json', manifest);
      fs.rmSync(target, { recursive: true, force: true });
      fs.renameSync(tmp, target);
      const written = ['manifest.json', ...files.map((f) => f.path)].map((rel) => op.recordOutputFile(path.join(target, ...rel.split('/'))));
      op.setResult({ dir: target, files: written.length });
      const result: ProofBundleResult = { dir: target, files: written, head: rows.head, operationId: op.id };
      if (!signed) return result;
      const sigs = await signFiles(written.map((f) => f.path), keypair, rows.head);
      op.setResult(signatureResult(sigs));
      return { ...result, signatureFiles: sigs.map((s) => s.signatureFile) };
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
}

function digest(file: string): { sha256: string; bytes: number } {
  const data = fs.readFileSync(file);
  return { sha256: createHash('sha256').update(data).digest('hex'), bytes: data.length };
}
