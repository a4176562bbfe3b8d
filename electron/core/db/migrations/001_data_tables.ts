import type { Migration } from '../types.js';

/**
 * sc-audit's seven data tables (same names, columns and column order as its dumps), plus per-source sync state.
 *
 * Representation choices (all exact, none floating point):
 * - 32-byte hashes: TEXT, 64 lowercase hex chars (sc-audit stores BLOBs; its dumps and our UI use hex).
 * - carbon_amount / amount_filled: INTEGER kilograms (tonnes × 1000; sc-audit's DECIMAL(21,3)).
 * - source_/dest_asset_amount: INTEGER stroops (units × 10^7; sc-audit's DECIMAL(21,7)).
 * - toid: INTEGER (int64; read with safeIntegers, as it exceeds 2^53).
 * - DATETIME: TEXT 'YYYY-MM-DDTHH:MM:SS' UTC; DATE: TEXT 'YYYY-MM-DD'; BOOLEAN: INTEGER 0/1.
 */
const HEX32 = (col: string) => `CHECK (length(${col}) = 64 AND ${col} NOT GLOB '*[^0-9a-f]*')`;
const DATETIME = (col: string) => `CHECK (${col} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]')`;
const DATE = (col: string) => `CHECK (${col} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')`;

export const dataTables: Migration = {
  version: 1,
  name: 'data tables',
  up(db) {
    db.exec(`
      CREATE TABLE vcs_projects (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        category TEXT NOT NULL,
        protocol TEXT NOT NULL,
        additional_certifications TEXT,
        region TEXT NOT NULL,
        country TEXT NOT NULL
      ) STRICT;

      CREATE TABLE minted_blocks (
        serial_hash TEXT PRIMARY KEY NOT NULL ${HEX32('serial_hash')},
        transaction_hash TEXT NOT NULL ${HEX32('transaction_hash')},
        created_at TEXT NOT NULL ${DATETIME('created_at')},
        vcs_project_id INTEGER NOT NULL REFERENCES vcs_projects(id),
        serial_number TEXT NOT NULL,
        block_start INTEGER NOT NULL,
        block_end INTEGER NOT NULL,
        sub_account_id INTEGER NOT NULL,
        sub_account_name TEXT NOT NULL,
        vintage_start TEXT NOT NULL ${DATE('vintage_start')},
        vintage_end TEXT NOT NULL ${DATE('vintage_end')},
        toid INTEGER NOT NULL,
        CHECK (block_end >= block_start)
      ) STRICT;
      CREATE UNIQUE INDEX idx_mb_toid ON minted_blocks (toid);

      CREATE TABLE retirements (
        certificate_id INTEGER PRIMARY KEY,
        vcu_amount INTEGER NOT NULL CHECK (vcu_amount > 0),
        serial_number TEXT NOT NULL,
        retirement_date TEXT NOT NULL ${DATE('retirement_date')},
        retirement_beneficiary TEXT NOT NULL,
        retirement_details TEXT NOT NULL,
        vcs_project_id INTEGER NOT NULL REFERENCES vcs_projects(id),
        issuance_date TEXT NOT NULL ${DATE('issuance_date')},
        instrument_type TEXT NOT NULL,
        vintage_start TEXT NOT NULL ${DATE('vintage_start')},
        vintage_end TEXT NOT NULL ${DATE('vintage_end')},
        total_vintage_quantity INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX idx_ret_date ON retirements (retirement_date);
      -- The views filter on these (sc-audit has the same indexes).
      CREATE INDEX idx_ret_beneficiary ON retirements (retirement_beneficiary);

      CREATE TABLE sinking_txs (
        hash TEXT PRIMARY KEY NOT NULL ${HEX32('hash')},
        created_at TEXT NOT NULL ${DATETIME('created_at')},
        contract_id TEXT,
        funder TEXT NOT NULL,
        recipient TEXT NOT NULL,
        carbon_amount INTEGER NOT NULL CHECK (carbon_amount >= 0),
        source_asset_code TEXT NOT NULL,
        source_asset_issuer TEXT,
        source_asset_amount INTEGER NOT NULL,
        dest_asset_code TEXT NOT NULL,
        dest_asset_issuer TEXT NOT NULL,
        dest_asset_amount INTEGER NOT NULL,
        vcs_project_id INTEGER NOT NULL REFERENCES vcs_projects(id),
        memo_type TEXT NOT NULL CHECK (memo_type IN ('text', 'hash', 'none')),
        memo_value TEXT,
        toid INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX idx_stx_toid ON sinking_txs (toid);
      CREATE INDEX idx_stx_created_at ON sinking_txs (created_at);
      CREATE INDEX idx_stx_funder ON sinking_txs (funder);
      CREATE INDEX idx_stx_recipient ON sinking_txs (recipient);

      CREATE TABLE distribution_txs (
        hash TEXT NOT NULL ${HEX32('hash')},
        created_at TEXT NOT NULL ${DATETIME('created_at')},
        sender TEXT NOT NULL,
        recipient TEXT NOT NULL,
        carbon_amount INTEGER NOT NULL,
        toid INTEGER PRIMARY KEY NOT NULL
      ) STRICT;
      CREATE INDEX idx_dtx_hash ON distribution_txs (hash);
      CREATE INDEX idx_dtx_recipient ON distribution_txs (recipient);

      CREATE TABLE retirement_from_block (
        retirement_id INTEGER NOT NULL REFERENCES retirements(certificate_id),
        block_hash TEXT NOT NULL REFERENCES minted_blocks(serial_hash),
        vcu_amount INTEGER NOT NULL CHECK (vcu_amount > 0),
        PRIMARY KEY (retirement_id, block_hash)
      ) STRICT;
      CREATE INDEX idx_rfb_block ON retirement_from_block (block_hash);

      CREATE TABLE sink_status (
        sinking_tx_hash TEXT NOT NULL REFERENCES sinking_txs(hash),
        certificate_id INTEGER NOT NULL REFERENCES retirements(certificate_id),
        amount_filled INTEGER NOT NULL CHECK (amount_filled >= 0),
        finalized INTEGER NOT NULL CHECK (finalized IN (0, 1)),
        PRIMARY KEY (sinking_tx_hash, certificate_id)
      ) STRICT;
      CREATE INDEX idx_ss_certificate ON sink_status (certificate_id);

      -- Per-source catch-up state: where the next run starts and what Horizon said its latest ledger was.
      CREATE TABLE sync_state (
        source TEXT PRIMARY KEY NOT NULL,
        cursor TEXT,
        last_run_at TEXT,
        latest_ledger INTEGER
      ) STRICT;
    `);
  },
};
