import type { Migration } from '../types.js';
import { dataTables } from './001_data_tables.js';
import { auditTrail } from './002_audit_trail.js';
import { appState } from './003_app_state.js';
import { queryIndexes } from './004_query_indexes.js';
import { aggregateIndexes } from './005_aggregate_indexes.js';
import { firstRunEvidence } from './006_first_run_evidence.js';
import { pageKeysets } from './007_page_keysets.js';
import { bulkChangeLog } from './008_bulk_change_log.js';
import { pageBounds } from './009_page_bounds.js';
import { reviewMarks } from './010_review_marks.js';
import { savedViews } from './011_saved_views.js';
import { carbonTotals } from './012_carbon_totals.js';
import { registryDrift } from './013_registry_drift.js';
import { bulkDerivedFill } from './014_bulk_derived_fill.js';
import { dropSumIndexes } from './015_drop_sum_indexes.js';
import { bulkTriggersAside } from './016_bulk_triggers_aside.js';

/** Ordered: position i holds version i+1. Append only; never edit a released migration. */
export const migrations: readonly Migration[] = [
  dataTables,
  auditTrail,
  appState,
  queryIndexes,
  aggregateIndexes,
  firstRunEvidence,
  pageKeysets,
  bulkChangeLog,
  pageBounds,
  reviewMarks,
  savedViews,
  carbonTotals,
  registryDrift,
  bulkDerivedFill,
  dropSumIndexes,
  bulkTriggersAside,
];

export const LATEST_SCHEMA_VERSION = migrations.length;

export { DATA_TABLES, type DataTable } from '../dataTables.js';
