import type { ExportRequest, ExportView } from '../../../shared/api/export.js';
import { DISTRIBUTION_FIELDS, INVENTORY_FIELDS, RETIREMENT_FIELDS, SINKING_TX_FIELDS } from '../views/outputFields.js';
import type { ChangeRow, OperationRow } from '../../../shared/api/audit.js';
import type { SinkStatusRow } from '../../../shared/api/views.js';
import { listChanges, listOperations } from '../audit/queries.js';
import type { ReadDb } from '../db/types.js';
import { listDistributionTxs } from '../views/distributionTxs.js';
import { viewInventory } from '../views/inventory.js';
import { listRetirements } from '../views/retirements.js';
import { distributionTxRow, retirementRow, sinkStatusRow, sinkingTxRow } from '../views/rowMapping.js';
import { listSinkingTxs } from '../views/sinkingTxs.js';
import { captureViewQuery, replayView, trailingOrder, type CapturedQuery } from './viewQuery.js';

/**
 * For each exportable view: its columns (the view's row keys, in the API's order), the query (captured from the
 * view itself, see viewQuery.ts) and how a batch of raw rows becomes API rows (the views' own mappers).
 */
export interface ViewSource {
  columns: readonly string[];
  query: CapturedQuery;
  mapBatch(raw: Record<string, unknown>[]): Record<string, unknown>[];
}

const OPERATION_COLUMNS = [
  'id',
  'seq',
  'kind',
  'startedAt',
  'finishedAt',
  'durationMs',
  'actor',
  'host',
  'pid',
  'via',
  'appVersion',
  'schemaVersion',
  'sourceUrls',
  'latestLedger',
  'params',
  'result',
  'status',
  'error',
  'note',
  'command',
] as const satisfies readonly (keyof OperationRow)[];

const CHANGE_COLUMNS = ['seq', 'operationId', 'table', 'key', 'kind', 'before', 'after', 'changedAt', 'hash'] as const satisfies readonly (keyof ChangeRow)[];

/** The audit lists page with LIMIT ?; an export wants every row (a bound big enough for SQLite's integer LIMIT). */
const ALL_ROWS = 2_000_000_000;

/**
 * The sinking-txs view fetches statuses with a second query per page; while `.iterate()` runs, the connection
 * can run nothing else, so the statuses ride along as a JSON column of the same query (in certificate_id
 * order, as the view returns them).
 */
function withStatuses(q: CapturedQuery): CapturedQuery {
  const sql =
    `SELECT v.*, (SELECT json_group_array(json_array(ss.certificate_id, ss.amount_filled, ss.finalized) ORDER BY ss.certificate_id) ` +
    `FROM sink_status ss WHERE ss.sinking_tx_hash = v.hash) AS __statuses FROM (${q.sql}) v ORDER BY v.${trailingOrder(q.sql)}`;
  return { ...q, sql };
}

function statusesFrom(hash: string, json: unknown): SinkStatusRow[] {
  // Kilograms and certificate ids are far below 2^53, so JSON numbers hold them exactly.
  const list = JSON.parse(String(json ?? '[]')) as [number, number, number][];
  return list.map(([certificate_id, amount_filled, finalized]) =>
    sinkStatusRow({ sinking_tx_hash: hash, certificate_id: BigInt(certificate_id), amount_filled: BigInt(amount_filled), finalized: BigInt(finalized) }),
  );
}

export function viewSource(req: ExportRequest): ViewSource {
  const v: ExportView = req.view;
  switch (req.view) {
    case 'inventory': {
      const filters = req.filters;
      return {
        columns: INVENTORY_FIELDS,
        query: captureViewQuery(v, (db) => viewInventory(db, filters)),
        mapBatch: (raw) => replayView(raw, (db: ReadDb) => viewInventory(db, filters).rows) as unknown as Record<string, unknown>[],
      };
    }
    case 'sinkingTxs': {
      const filters = req.filters;
      return {
        columns: SINKING_TX_FIELDS,
        query: withStatuses(captureViewQuery(v, (db) => listSinkingTxs(db, { ...filters, limit: null }))),
        mapBatch: (raw) => raw.map((r) => sinkingTxRow(r, statusesFrom(r.hash as string, r.__statuses)) as unknown as Record<string, unknown>),
      };
    }
    case 'retirements': {
      const filters = req.filters;
      return {
        columns: RETIREMENT_FIELDS,
        query: captureViewQuery(v, (db) => listRetirements(db, { ...filters, limit: null })),
        mapBatch: (raw) => raw.map((r) => retirementRow(r) as unknown as Record<string, unknown>),
      };
    }
    case 'distributionTxs': {
      const filters = req.filters;
      return {
        columns: DISTRIBUTION_FIELDS,
        query: captureViewQuery(v, (db) => listDistributionTxs(db, { ...filters, limit: null })),
        mapBatch: (raw) => raw.map((r) => distributionTxRow(r) as unknown as Record<string, unknown>),
      };
    }
    case 'operations': {
      // Replayed rather than mapped here: the list also reclassifies killed 'running' operations and filters on that.
      const filters = { ...req.filters, limit: ALL_ROWS };
      return {
        columns: OPERATION_COLUMNS,
        query: captureViewQuery(v, (db) => listOperations(db, filters)),
        mapBatch: (raw) => replayView(raw, (db) => listOperations(db, filters).rows) as unknown as Record<string, unknown>[],
      };
    }
    case 'changes': {
      const filters = { ...req.filters, limit: ALL_ROWS };
      return {
        columns: CHANGE_COLUMNS,
        query: captureViewQuery(v, (db) => listChanges(db, filters)),
        mapBatch: (raw) => replayView(raw, (db) => listChanges(db, filters).rows) as unknown as Record<string, unknown>[],
      };
    }
  }
}
