import pg from 'pg';

/**
 * The real PostgreSQL the Obsrvr Flow tests use: `.ci/run` starts a throwaway cluster (scripts/ci/start-postgres.sh)
 * and exports SC_TEST_PG_DSN. Without it the tests are skipped locally, and fail in CI (CI must have it).
 */
export const TEST_PG_DSN = process.env.SC_TEST_PG_DSN?.trim() || null;
export const PG_REQUIRED = process.env.CI === 'true' || process.env.CI === '1';

const COLUMNS = `id integer PRIMARY KEY, toid bigint NOT NULL, ledger integer NOT NULL, "timestamp" timestamptz NOT NULL,
  contract_id text NOT NULL, function_name text NOT NULL, invoking_account text NOT NULL, tx_hash text NOT NULL,
  funder text NOT NULL, recipient text NOT NULL, amount bigint NOT NULL, project_id text NOT NULL, memo_text text,
  processed_at timestamptz NOT NULL, schema_name text NOT NULL, successful boolean NOT NULL, created_at timestamptz NOT NULL`;

/** (Re)creates an invocations table in Obsrvr Flow's shape holding these rows; a unique name keeps test files apart. */
export async function createInvocationsTable(dsn: string, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  const client = new pg.Client({ connectionString: dsn });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.query(`CREATE TABLE ${table} (${COLUMNS})`);
    await insertInvocations(client, table, rows);
  } finally {
    await client.end();
  }
}

/** Appends rows (as the indexer does between two catch-ups). */
export async function appendInvocations(dsn: string, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  const client = new pg.Client({ connectionString: dsn });
  await client.connect();
  try {
    await insertInvocations(client, table, rows);
  } finally {
    await client.end();
  }
}

async function insertInvocations(client: pg.Client, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  for (const r of rows) {
    const names = Object.keys(r);
    await client.query(
      `INSERT INTO ${table} (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`,
      names.map((n) => r[n]),
    );
  }
}

export async function dropTable(dsn: string, table: string): Promise<void> {
  const client = new pg.Client({ connectionString: dsn });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
  } finally {
    await client.end();
  }
}
