import type { ExportRequest } from '../../../shared/api/export.js';
import type { ChangeRow, OperationRow } from '../../../shared/api/audit.js';
import { changesQuery, operationRows, operationsQuery, toChangeRow } from '../audit/queries.js';
import type { SqlFragment } from '../db/sql.js';
import { distributionTxRow, distributionTxsQuery } from '../views/distributionTxs.js';
import { inventoryQuery, inventoryRow } from '../views/inventory.js';
import { DISTRIBUTION_FIELDS, INVENTORY_FIELDS, RETIREMENT_FIELDS, SINKING_TX_FIELDS } from '../views/outputFields.js';
import { retirementRow, retirementsQuery } from '../views/retirements.js';
import { sinkingTxRow, sinkingTxsQuery } from '../views/sinkingTxs.js';

/**
 * For each exportable view: its columns (the view's row keys, in the API's order), the view's own query (its
 * builder, the same one its pages run, without LIMIT) and its own row mapper. The file export, the HTTP download
 * and the CLI's `view` commands all iterate this.
 */
export interface ViewSource {
  columns: readonly string[];
  query: SqlFragment;
  /** Whether INTEGERs are read as BigInt (TOIDs): each mapper expects what its view reads. */
  bigInts: boolean;
  mapBatch(raw: Record<string, unknown>[]): object[];
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

export function viewSource(req: ExportRequest, limit: number | null = null): ViewSource {
  switch (req.view) {
    case 'inventory': {
      const filters = req.filters;
      return { columns: INVENTORY_FIELDS, query: inventoryQuery(filters), bigInts: true, mapBatch: (raw) => raw.map(inventoryRow) };
    }
    case 'sinkingTxs':
      return {
        columns: SINKING_TX_FIELDS,
        query: sinkingTxsQuery({ ...req.filters, limit }, { withStatuses: true }),
        bigInts: true,
        mapBatch: (raw) => raw.map((r) => sinkingTxRow(r)),
      };
    case 'retirements':
      return { columns: RETIREMENT_FIELDS, query: retirementsQuery({ ...req.filters, limit }), bigInts: true, mapBatch: (raw) => raw.map(retirementRow) };
    case 'distributionTxs':
      return { columns: DISTRIBUTION_FIELDS, query: distributionTxsQuery({ ...req.filters, limit }), bigInts: true, mapBatch: (raw) => raw.map(distributionTxRow) };
    case 'operations': {
      // The list also reclassifies killed 'running' operations and filters on that: its own mapper does both.
      const filters = req.filters;
      return { columns: OPERATION_COLUMNS, query: operationsQuery(filters, limit), bigInts: false, mapBatch: (raw) => operationRows(raw, filters) };
    }
    case 'changes':
      return {
        columns: CHANGE_COLUMNS,
        query: changesQuery(req.filters, limit),
        bigInts: false,
        mapBatch: (raw) => raw.map((r) => toChangeRow(r as unknown as Parameters<typeof toChangeRow>[0])),
      };
  }
}
