import { isLosslessNumber, parse } from 'lossless-json';
import type { ProvenanceRun } from '../../../../shared/api/provenance.js';
import { AppError } from '../../../../shared/errors.js';
import type { ReadDb, WriteDb } from '../../db/types.js';
import type { Engine } from '../../engine.js';
import { engineSourceConfig } from '../../settings/effective.js';
import { HorizonClient, type JoinedOperation } from '../../sources/horizon.js';
import { HttpClient, type HttpOptions } from '../../sources/http.js';
import { VerraClient, type VerraRetirementItem } from '../../sources/verra.js';
import { boundedMap } from '../../sync/boundedMap.js';
import { DATA_TABLES } from '../../db/dataTables.js';
import { judgeLink, recomputeLinks } from './associations.js';
import {
  rederiveDistributionTx,
  rederiveMintedBlock,
  rederiveProject,
  rederiveRetirement,
  rederiveSinkingTx,
  type HorizonCheck,
  type StoredRow,
  type Verdict,
} from './rederive.js';
import { bootstrappedRows, provenanceSummary, type BootstrappedRow } from './results.js';

/** Transactions asked of Horizon at once (each is one request; 429s still wait as Horizon asks). */
const IN_FLIGHT = 4;
const HORIZON_TABLES = new Set(['sinking_txs', 'minted_blocks', 'distribution_txs']);

export interface ProvenanceOptions {
  via?: string;
  note?: string;
  actor?: string;
  signal?: AbortSignal;
  http?: HttpOptions;
  onProgress?: (p: { done: number; total: number; message: string }) => void;
}

function storedRow(state: string): StoredRow {
  const parsed = parse(state) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, isLosslessNumber(v) ? v.value : (v as StoredRow[string])]));
}

/**
 * The provenance check: every row that entered by bootstrap or restore (not by a catch-up step) is re-derived from
 * the primary source with the loader's own mapping and compared field by field: sales, blocks and outflows against
 * Horizon (one request per transaction, rows older than its history are unconfirmable without asking), retirements
 * against the Verra asset search (its full list, paged), the project against the built-in row, and the two
 * association tables recomputed. A row already confirmed in its current state is not asked again. Each verdict is
 * stored as it comes, so a cancelled or failed run keeps what it learnt.
 */
export async function runProvenanceCheck(engine: Engine, opts: ProvenanceOptions = {}): Promise<ProvenanceRun> {
  const due = DATA_TABLES.flatMap((t) => bootstrappedRows(engine.reader(), t)).filter((r) => r.status !== 'confirmed' || r.checkedState !== r.state);
  if (due.length === 0) return { checked: 0, requests: 0, operationId: null, summary: provenanceSummary(engine.reader()) };
  const config = engineSourceConfig(engine);
  return engine.runOperation(
    { kind: 'provenance', params: { rows: due.length }, sourceUrls: [config.horizonUrl, config.verraAssetSearchUrl], via: opts.via, note: opts.note, actor: opts.actor, signal: opts.signal, writes: false },
    async (op) => {
      const db = engine.writer();
      const http = new HttpClient({ ...opts.http, signal: opts.signal ?? opts.http?.signal });
      const horizon = new HorizonClient(config.horizonUrl, http);
      const verra = new VerraClient(config.verraAssetSearchUrl, config.verraReportUrl, http);
      const store = resultWriter(db, op.id);
      let done = 0;
      const tell = (message: string) => opts.onProgress?.({ done, total: due.length, message });
      const record = (r: BootstrappedRow, v: Verdict) => {
        store(r, v);
        r.status = v.status;
        r.checkedState = r.state;
        done++;
        tell(`${r.table} ${r.key}: ${v.status}`);
      };

      const fromHorizon = due.filter((r) => HORIZON_TABLES.has(r.table));
      if (fromHorizon.length > 0) {
        const { historyElderLedger } = await horizon.root();
        const cache = new Map<string, Promise<JoinedOperation[] | null>>();
        const check: HorizonCheck = {
          config,
          horizon,
          elderLedger: historyElderLedger,
          knownProjects: new Set((db.prepare('SELECT id FROM vcs_projects').pluck().all() as number[]).map(Number)),
          operationsOf: (hash) => {
            let p = cache.get(hash);
            if (!p) cache.set(hash, (p = horizon.transactionWithOperations(hash)));
            return p;
          },
        };
        const rederive = { sinking_txs: rederiveSinkingTx, minted_blocks: rederiveMintedBlock, distribution_txs: rederiveDistributionTx } as const;
        await boundedMap(fromHorizon, IN_FLIGHT, async (r) => {
          if (opts.signal?.aborted) throw new AppError('CANCELLED', 'The provenance check was cancelled');
          record(r, await rederive[r.table as keyof typeof rederive](check, storedRow(r.state)));
        });
      }

      const retirements = due.filter((r) => r.table === 'retirements');
      if (retirements.length > 0) {
        tell('asking the Verra registry for every Stellarcarbon retirement');
        const all = await verra.retirements(null);
        const items = new Map<string, VerraRetirementItem>(all.items.map((i) => [String(i.holdingIdentifier), i]));
        for (const r of retirements) record(r, rederiveRetirement(items, !all.countExceeded, config.verraAssetSearchUrl, storedRow(r.state)));
      }
      for (const r of due.filter((x) => x.table === 'vcs_projects')) record(r, rederiveProject(storedRow(r.state)));

      const links = due.filter((r) => r.table === 'retirement_from_block' || r.table === 'sink_status');
      if (links.length > 0) {
        const computed = recomputeLinks(db);
        const trust = trustOf(db);
        for (const r of links) record(r, judgeLink(r.table as 'sink_status', r.key, storedRow(r.state), computed, trust));
      }
      const run: ProvenanceRun = { checked: done, requests: horizon.requests + verra.requests, operationId: op.id, summary: provenanceSummary(db) };
      op.setResult({ checked: run.checked, requests: run.requests, ...run.summary });
      return run;
    },
  );
}

function resultWriter(db: WriteDb, operationId: string): (r: BootstrappedRow, v: Verdict) => void {
  const upsert = db.prepare(
    `INSERT INTO provenance_results (table_name, record_key, status, source, detail, row_state, checked_at, operation_id)
     VALUES (?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?)
     ON CONFLICT (table_name, record_key) DO UPDATE SET status = excluded.status, source = excluded.source, detail = excluded.detail,
       row_state = excluded.row_state, checked_at = excluded.checked_at, operation_id = excluded.operation_id`,
  );
  return (r, v) => upsert.run(r.table, r.key, v.status, v.source, v.detail, r.state, operationId);
}

/** A linked row is trusted when a catch-up step loaded it, or when it was bootstrapped and is now confirmed. */
function trustOf(db: ReadDb) {
  const cache = new Map<string, Map<string, BootstrappedRow>>();
  return (table: 'retirements' | 'minted_blocks' | 'sinking_txs', key: string) => {
    let rows = cache.get(table);
    if (!rows) cache.set(table, (rows = new Map(bootstrappedRows(db, table).map((r) => [r.key, r]))));
    const r = rows.get(key);
    if (!r || (r.status === 'confirmed' && r.checkedState === r.state)) return { trusted: true, why: null };
    const why = r.status === null || r.checkedState !== r.state ? 'is not checked yet' : r.status === 'differs' ? 'differs from its source' : 'is unconfirmable';
    return { trusted: false, why: `${table} ${key} ${why}` };
  };
}
