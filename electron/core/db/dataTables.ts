/**
 * The data tables in dependency order (parents first): restore, dumps, row counts and the change log use this order.
 * A module of its own (importing nothing), so that both the migration index and the audit triggers the migrations
 * install can read it without an import cycle.
 */
export const DATA_TABLES = [
  'vcs_projects',
  'minted_blocks',
  'retirements',
  'sinking_txs',
  'distribution_txs',
  'retirement_from_block',
  'sink_status',
] as const;
export type DataTable = (typeof DATA_TABLES)[number];
