import type { ExportRequest } from '../../../shared/api/export.js';
import type { OperationRow } from '../../../shared/api/audit.js';
import { changesQuery, operationRows, operationsQuery } from '../audit/queries.js';
import type { SqlFragment } from '../db/sql.js';
import { distributionTxsQuery } from '../views/distributionTxs.js';
import { driftQuery } from '../views/drift.js';
import { inventoryQuery } from '../views/inventory.js';
import { type SpecView, viewFields } from '../views/outputFields.js';
import { retirementsQuery } from '../views/retirements.js';
import { fieldsMapper, type OutputField } from '../views/rowCodec.js';
import { sinkingTxsQuery } from '../views/sinkingTxs.js';

/**
 * For each exportable view: its columns (the view's row keys, in the API's order), the view's own query (its
 * builder, the same one its pages run, without LIMIT) and how its rows are read. The file export, the HTTP download
 * and the CLI's `view` commands all iterate this.
 */
export interface ViewSource {
  columns: readonly string[];
  query: SqlFragment;
  /** Whether INTEGERs are read as BigInt (TOIDs): each spec reads what its view's query returns. */
  bigInts: boolean;
  /**
   * The view's field spec in `columns` order (views/outputFields.ts): the export and the CLI encode straight from
   * the query's `.raw()` arrays with it. null: the rows go through mapBatch first (the operation log, whose rows
   * are reclassified in JavaScript).
   */
  fields: readonly OutputField[] | null;
  mapBatch(raw: Record<string, unknown>[]): object[];
  /** A spec'd view's spec and renames: what an export's worker thread builds the same fields from. */
  origin: SourceOrigin | null;
}

export interface SourceOrigin {
  view: SpecView;
  /** renameColumn's [from, to], in order. */
  renames: readonly (readonly [string, string])[];
}

/** A view read by its spec: mapBatch is the spec's own row mapper. */
function specSource(origin: SourceOrigin, query: SqlFragment, bigInts: boolean): ViewSource {
  const fields = viewFields(origin.view, origin.renames);
  const map = fieldsMapper(fields);
  return { columns: fields.map((f) => f.name), query, bigInts, fields, mapBatch: (raw) => raw.map(map), origin };
}

/** The same source with one column written under another name (the CLI's credits_remaining_on_date). */
export function renameColumn(source: ViewSource, from: string, to: string): ViewSource {
  if (source.origin) return specSource({ ...source.origin, renames: [...source.origin.renames, [from, to]] }, source.query, source.bigInts);
  const rename = (name: string) => (name === from ? to : name);
  return {
    ...source,
    columns: source.columns.map(rename),
    mapBatch: (raw) => source.mapBatch(raw).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [rename(k), v]))),
  };
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

export function viewSource(req: ExportRequest, limit: number | null = null): ViewSource {
  const spec = (view: SpecView) => ({ view, renames: [] });
  switch (req.view) {
    case 'inventory':
      return specSource(spec('inventory'), inventoryQuery(req.filters), true);
    case 'sinkingTxs':
      return specSource(spec('sinkingTxs'), sinkingTxsQuery({ ...req.filters, limit }, { withStatuses: true }), true);
    case 'retirements':
      return specSource(spec('retirements'), retirementsQuery({ ...req.filters, limit }), true);
    case 'distributionTxs':
      return specSource(spec('distributionTxs'), distributionTxsQuery({ ...req.filters, limit }), true);
    case 'operations': {
      // The list also reclassifies killed 'running' operations and filters on that: its own mapper does both.
      const filters = req.filters;
      return { columns: OPERATION_COLUMNS, query: operationsQuery(filters, limit), bigInts: false, fields: null, mapBatch: (raw) => operationRows(raw, filters), origin: null };
    }
    case 'changes':
      return specSource(spec('changes'), changesQuery(req.filters, limit), false);
    case 'drift':
      return specSource(spec('drift'), driftQuery({ ...req.filters, limit }), false);
  }
}
