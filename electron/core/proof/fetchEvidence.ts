import fs from 'node:fs';
import path from 'node:path';
import { AppError, toApiError } from '../../../shared/errors.js';
import type { SourceConfig } from '../config.js';
import type { HttpClient } from '../sources/http.js';
import { PAGE_SIZE, SEARCH_BODY, searchUrl, VERRA_HEADERS } from '../sources/verra.js';
import type { ProofRows } from './gather.js';

/**
 * The bundle's evidence from the primary sources, kept byte for byte as received: Horizon's transaction and its
 * operations (joined with the transaction, as the provenance check reads them) for the sale and for each block's
 * mint, and the Verra asset-search pages that list the retirements filling the sale. A source that fails is named.
 */
export interface EvidenceFile {
  /** Path inside the bundle, '/'-separated. */
  path: string;
  kind: 'horizon-sale-transaction' | 'horizon-sale-operations' | 'horizon-mint' | 'verra-search' | 'audit-entries' | 'audit-chain' | 'assignment' | 'readme' | 'script';
  /** What the file proves (README and manifest). */
  proves: string;
  transaction_hash?: string;
}

async function asked<T>(source: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const e = toApiError(err);
    if (e.code === 'CANCELLED') throw err;
    throw new AppError(e.code === 'RATE_LIMITED' ? 'RATE_LIMITED' : 'SOURCE_ERROR', `${source} could not be read, so no proof bundle was written: ${e.message}`);
  }
}

function save(dir: string, rel: string, bytes: Uint8Array): void {
  const file = path.join(dir, ...rel.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
}

export async function fetchEvidence(http: HttpClient, config: SourceConfig, rows: ProofRows, dir: string): Promise<EvidenceFile[]> {
  const horizon = `Horizon ${config.horizonUrl}`;
  const files: EvidenceFile[] = [];
  const operationsUrl = (hash: string) => `${config.horizonUrl}/transactions/${hash}/operations?limit=200&join=transactions`;
  const sale = rows.sale.hash;
  save(dir, 'horizon/sale-transaction.json', await asked(horizon, () => http.bytes('GET', `${config.horizonUrl}/transactions/${sale}`)));
  files.push({ path: 'horizon/sale-transaction.json', kind: 'horizon-sale-transaction', proves: 'the sale transaction exists, succeeded, and has this ledger, time and memo' });
  save(dir, 'horizon/sale-operations.json', await asked(horizon, () => http.bytes('GET', operationsUrl(sale))));
  files.push({ path: 'horizon/sale-operations.json', kind: 'horizon-sale-operations', proves: "the sale row: the CarbonSINK payment (recipient, tonnes, TOID) and the buyer's payment (funder, assets, amounts)" });
  for (const b of rows.blocks) {
    const rel = `horizon/mint-${b.transaction_hash}.json`;
    save(dir, rel, await asked(horizon, () => http.bytes('GET', operationsUrl(b.transaction_hash))));
    files.push({ path: rel, kind: 'horizon-mint', transaction_hash: b.transaction_hash, proves: `block ${b.serial_hash}: its mint's hash memo is sha256 of the block's serial number, and its CARBON amount is the block's size` });
  }
  files.push(...(await verraPages(http, config, rows.certificates, dir)));
  return files;
}

/** The search pages (as sc-audit asks, paged with $skip) until every certificate of the sale is seen; only pages that list one are kept. */
async function verraPages(http: HttpClient, config: SourceConfig, certificates: number[], dir: string): Promise<EvidenceFile[]> {
  const source = `Verra asset search ${config.verraAssetSearchUrl}`;
  const missing = new Set(certificates.map(String));
  const files: EvidenceFile[] = [];
  for (let skip = 0, page = 1; missing.size > 0; skip += PAGE_SIZE, page++) {
    const url = searchUrl(config.verraAssetSearchUrl, null, skip);
    const bytes = await asked(source, () => http.bytes('POST', url, SEARCH_BODY, { ...VERRA_HEADERS, referer: 'https://registry.verra.org/app/search/VCS' }));
    let value: { holdingIdentifier?: unknown }[];
    try {
      value = (JSON.parse(Buffer.from(bytes).toString('utf8')) as { value?: { holdingIdentifier?: unknown }[] }).value ?? [];
    } catch {
      throw new AppError('SOURCE_ERROR', `${source} answered page ${page} with a body that is not JSON; no proof bundle was written.`);
    }
    const found = value.filter((v) => missing.delete(String(v.holdingIdentifier))).length;
    if (found > 0) {
      const rel = `verra/search-page-${page}.json`;
      save(dir, rel, bytes);
      files.push({ path: rel, kind: 'verra-search', proves: 'the registry lists the retirements that fill the sale: their quantities, serial numbers and retirement details (the sales they cover, in order)' });
    }
    if (value.length < PAGE_SIZE && missing.size > 0) {
      throw new AppError('SOURCE_ERROR', `${source} lists no retirement ${[...missing].join(', ')}, which the database says fills the sale; no proof bundle was written.`);
    }
  }
  return files;
}
