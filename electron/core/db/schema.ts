import type { DataTable } from './migrations/index.js';
import { type SqlFragment, sqlId, sqlJoin } from './sql.js';

/**
 * How each column of sc-audit's dumps is written (see the sc-data columns.json): the column order is the dump
 * order, which is also our table's column order, and the kind decides how a JSON value maps to a SQLite value.
 */
export type ColumnKind =
  | 'int'
  | 'toid'
  | 'hex32'
  | 'datetime'
  | 'date'
  | 'decimal3'
  | 'decimal7'
  | 'bool'
  | 'text'
  /** An account id (G…). */
  | 'g_strkey'
  /** A contract id (C…). */
  | 'c_strkey'
  /** Either: a sale's funder or recipient may be a contract since sales go through the Soroban contract. */
  | 'gc_strkey';

export interface DumpColumn {
  name: string;
  kind: ColumnKind;
  nullable: boolean;
}

export interface DumpTable {
  columns: readonly DumpColumn[];
  primaryKey: readonly string[];
}

const col = (name: string, kind: ColumnKind, nullable = false): DumpColumn => ({ name, kind, nullable });

export const DUMP_TABLES: Readonly<Record<DataTable, DumpTable>> = {
  vcs_projects: {
    primaryKey: ['id'],
    columns: [
      col('id', 'int'),
      col('name', 'text'),
      col('category', 'text'),
      col('protocol', 'text'),
      col('additional_certifications', 'text', true),
      col('region', 'text'),
      col('country', 'text'),
    ],
  },
  minted_blocks: {
    primaryKey: ['serial_hash'],
    columns: [
      col('serial_hash', 'hex32'),
      col('transaction_hash', 'hex32'),
      col('created_at', 'datetime'),
      col('vcs_project_id', 'int'),
      col('serial_number', 'text'),
      col('block_start', 'int'),
      col('block_end', 'int'),
      col('sub_account_id', 'int'),
      col('sub_account_name', 'text'),
      col('vintage_start', 'date'),
      col('vintage_end', 'date'),
      col('toid', 'toid'),
    ],
  },
  retirements: {
    primaryKey: ['certificate_id'],
    columns: [
      col('certificate_id', 'int'),
      col('vcu_amount', 'int'),
      col('serial_number', 'text'),
      col('retirement_date', 'date'),
      col('retirement_beneficiary', 'text'),
      col('retirement_details', 'text'),
      col('vcs_project_id', 'int'),
      col('issuance_date', 'date'),
      col('instrument_type', 'text'),
      col('vintage_start', 'date'),
      col('vintage_end', 'date'),
      col('total_vintage_quantity', 'int'),
    ],
  },
  sinking_txs: {
    primaryKey: ['hash'],
    columns: [
      col('hash', 'hex32'),
      col('created_at', 'datetime'),
      col('contract_id', 'c_strkey', true),
      col('funder', 'gc_strkey'),
      col('recipient', 'gc_strkey'),
      col('carbon_amount', 'decimal3'),
      col('source_asset_code', 'text'),
      col('source_asset_issuer', 'g_strkey', true),
      col('source_asset_amount', 'decimal7'),
      col('dest_asset_code', 'text'),
      col('dest_asset_issuer', 'g_strkey'),
      col('dest_asset_amount', 'decimal7'),
      col('vcs_project_id', 'int'),
      col('memo_type', 'text'),
      col('memo_value', 'text', true),
      col('toid', 'toid'),
    ],
  },
  distribution_txs: {
    primaryKey: ['toid'],
    columns: [
      col('hash', 'hex32'),
      col('created_at', 'datetime'),
      col('sender', 'g_strkey'),
      col('recipient', 'g_strkey'),
      col('carbon_amount', 'decimal3'),
      col('toid', 'toid'),
    ],
  },
  retirement_from_block: {
    primaryKey: ['retirement_id', 'block_hash'],
    columns: [col('retirement_id', 'int'), col('block_hash', 'hex32'), col('vcu_amount', 'int')],
  },
  sink_status: {
    primaryKey: ['sinking_tx_hash', 'certificate_id'],
    columns: [col('sinking_tx_hash', 'hex32'), col('certificate_id', 'int'), col('amount_filled', 'decimal3'), col('finalized', 'bool')],
  },
};

/**
 * Older shapes of sc-data's files (see the fixtures README, "Schema drift"): values are positional, so a file
 * written before a column existed has fewer values per line. Each entry names, in file order, the current columns
 * such a line holds; the others must be nullable and are restored as null. Renames (paging_token → toid in sc-audit
 * 0.13.0) and key changes (distribution_txs keyed by toid since 0.12.2) keep the shape and need no entry.
 */
export const LEGACY_SHAPES: Readonly<Partial<Record<DataTable, readonly { schema: string; columns: readonly string[] }[]>>> = {
  sinking_txs: [
    {
      // Before migration 77ea86674a18 added contract_id (3rd in the model): every published snapshot of 2024.
      schema: 'before 77ea86674a18',
      columns: DUMP_TABLES.sinking_txs.columns.map((c) => c.name).filter((n) => n !== 'contract_id'),
    },
  ],
};

/** A data table's column names, in table order (the one list the views, dumps and restores all read). */
export function columnNames(table: DataTable): string[] {
  return DUMP_TABLES[table].columns.map((c) => c.name);
}

/** A data table's columns as a SELECT list, qualified by `alias` when given ('r.certificate_id, r.vcu_amount, …'). */
export function selectColumns(table: DataTable, alias?: string): SqlFragment {
  const names = columnNames(table);
  return sqlJoin(names.map((n) => (alias ? sqlJoin([sqlId(alias, [alias]), sqlId(n, names)], '.') : sqlId(n, names))));
}
