import { AppError } from '../../../shared/errors.js';
import { redactDsn } from '../config.js';
import { pg } from '../lazyModules.js';
import { checkedAddress, checkedContract, checkedHash, checkedInteger, checkedText, checkedTime, type IndexedSinkCall } from './sinkCalls.js';

/** Time limits for the indexer database: connecting, and one query. */
const CONNECT_TIMEOUT_MS = 15_000;
const QUERY_TIMEOUT_MS = 120_000;

/** int8, numeric, timestamp and timestamptz as the server's text: no rounding to a JS number, no local time zone. */
const RAW_TYPES = new Set([20, 1700, 1114, 1184]);
const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => (RAW_TYPES.has(oid) ? (v: string) => v : pg().types.getTypeParser(oid, format ?? 'text')) };

/**
 * Obsrvr Flow: the rows of its invocations table after the cursor (`WHERE toid > cursor`, as sc-audit asks), read
 * with the maintained PostgreSQL client `pg` in a UTC session. The table name comes from the checked setting.
 */
export async function obsrvrSinkCalls(dsn: string, table: string, cursor: bigint, signal?: AbortSignal): Promise<IndexedSinkCall[]> {
  const where = `Obsrvr Flow (${redactDsn(dsn)}, table ${table})`;
  const client = new (pg().Client)({ connectionString: dsn, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, query_timeout: QUERY_TIMEOUT_MS, options: '-c TimeZone=UTC', types });
  const onAbort = () => void client.end().catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await client.connect();
    const quoted = table.split('.').map((p) => `"${p}"`).join('.');
    const res = await client.query<Record<string, unknown>>(`SELECT * FROM ${quoted} WHERE toid > $1 ORDER BY toid`, [cursor.toString()]);
    return res.rows.map((r) => invocation(r, where));
  } catch (err) {
    if (signal?.aborted) throw new AppError('CANCELLED', 'The catch-up was cancelled');
    if (err instanceof AppError) throw err;
    throw new AppError('SOURCE_ERROR', `${where}: ${(err as Error).message || String(err)}; nothing of this step was stored`);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await client.end().catch(() => undefined);
  }
}

function invocation(r: Record<string, unknown>, where: string): IndexedSinkCall {
  const ref = `${where} row id ${String(r.id)} (toid ${String(r.toid)})`;
  return {
    ref,
    hash: checkedHash(r.tx_hash, ref),
    createdAt: checkedTime(r.timestamp, ref),
    contractId: checkedContract(r.contract_id, ref),
    funder: checkedAddress(r.funder, ref, 'funder'),
    recipient: checkedAddress(r.recipient, ref, 'recipient'),
    stroops: checkedInteger(r.amount, ref, 'amount'),
    projectId: checkedText(r.project_id, ref, 'project_id') as string,
    memo: checkedText(r.memo_text, ref, 'memo_text', true),
    toid: checkedInteger(r.toid, ref, 'toid'),
    ledger: null,
  };
}
