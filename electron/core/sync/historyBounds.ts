import type { HistoryGap } from '../../../shared/api/sync.js';
import { AppError } from '../../../shared/errors.js';
import { CURRENT_OPERATION_FUNCTION } from '../audit/chain.js';
import type { SourceConfig } from '../config.js';
import type { ReadDb, WriteDb } from '../db/types.js';
import { makeToid, toidParts } from '../domain/toid.js';
import type { HorizonClient } from '../sources/horizon.js';
import { nextHorizonCursor } from './cursors.js';
import type { StepName } from './types.js';

/** The catch-up steps that read a Horizon payments stream, and the table each fills. */
export const HORIZON_STREAMS = {
  'distribution-txs': { table: 'distribution_txs', where: '' },
  'sinking-txs': { table: 'sinking_txs', where: 'WHERE contract_id IS NULL' },
  'minted-blocks': { table: 'minted_blocks', where: '' },
} as const;
export type HorizonStream = keyof typeof HORIZON_STREAMS;

export function isHorizonStream(step: StepName): step is HorizonStream {
  return step in HORIZON_STREAMS;
}

interface StreamBound {
  stream: HorizonStream;
  cursorLedger: number;
  empty: boolean;
  newestAt: string | null;
}

/**
 * Before any Horizon step: where does this Horizon's history start (`history_elder_ledger` of its root), and can each
 * stream be read from its stored cursor? Since 2024 public Horizon silently starts an old cursor at its oldest ledger
 * (no 410), so without this check a first run would load a partial history and call it complete.
 *
 * - An empty stream whose cursor lies before the elder ledger: refused before any row is written, naming the missing
 *   ledgers and both ways out.
 * - A stream with rows (e.g. minted blocks, whose last record is from 2022): the catch-up goes on, and the gap is
 *   recorded in history_gaps (a verify finding), since records in it would be invisible to this Horizon.
 */
export async function checkHorizonHistory(
  db: WriteDb,
  config: SourceConfig,
  horizon: HorizonClient,
  streams: readonly HorizonStream[],
  now: () => Date,
): Promise<{ elderLedger: number; gaps: HistoryGap[] }> {
  const { historyElderLedger: elder } = await horizon.root();
  const behind = streams.map((s) => streamBound(db, config, s)).filter((b) => b.cursorLedger < elder);
  if (behind.length === 0) return { elderLedger: elder, gaps: [] };
  const elderClosedAt = await horizon.ledgerClosedAt(elder);
  const refused = behind.filter((b) => b.empty);
  if (refused.length > 0) {
    const ranges = refused.map((b) => `${b.stream} from ledger ${b.cursorLedger}`).join(', ');
    throw new AppError(
      'SOURCE_ERROR',
      `${config.horizonUrl} keeps history only from ledger ${elder}${elderClosedAt ? ` (closed ${elderClosedAt})` : ''}, but ${ranges} ` +
        `would have to be read: ledgers ${Math.min(...refused.map((b) => b.cursorLedger))}–${elder - 1} are gone from this Horizon, ` +
        `so nothing was loaded. Either start from Stellarcarbon's published data (catch-up without --fresh, or bootstrap), ` +
        `or set SC_HORIZON_URL to a full-history Horizon.`,
    );
  }
  const gaps = behind.map<HistoryGap>((b) => ({
    stream: b.stream,
    fromLedger: b.cursorLedger,
    toLedger: elder - 1,
    fromDate: b.newestAt,
    toDate: elderClosedAt,
    horizonUrl: config.horizonUrl,
    noticedAt: now().toISOString(),
  }));
  const insert = db.prepare(
    `INSERT INTO history_gaps (stream, from_ledger, to_ledger, from_date, to_date, horizon_url, noticed_at, operation_id)
     VALUES (@stream, @fromLedger, @toLedger, @fromDate, @toDate, @horizonUrl, @noticedAt, ${CURRENT_OPERATION_FUNCTION}())
     ON CONFLICT (stream, from_ledger) DO NOTHING`,
  );
  db.transaction(() => gaps.forEach((g) => insert.run(g))).immediate();
  return { elderLedger: elder, gaps };
}

/**
 * Where a stream's read starts: after its stored cursor, but never before the elder ledger. A pruned Horizon either
 * starts such a cursor at its oldest ledger by itself or refuses it with 410; asking from the elder ledger reads the
 * same records from both, and the gap before it is already recorded.
 */
export function historyFloor(elderLedger: number): bigint {
  return makeToid(Math.max(elderLedger, 1), 0, 0);
}

function streamBound(db: WriteDb, config: SourceConfig, stream: HorizonStream): StreamBound {
  const { table, where } = HORIZON_STREAMS[stream];
  const newest = db.prepare(`SELECT created_at FROM ${table} ${where} ORDER BY toid DESC LIMIT 1`).get() as { created_at: string } | undefined;
  return { stream, cursorLedger: toidParts(nextHorizonCursor(db, config, stream)).ledger, empty: newest === undefined, newestAt: newest?.created_at ?? null };
}

/** Every recorded gap, oldest first (or those one operation noticed). */
export function listHistoryGaps(db: ReadDb, operationId?: string): HistoryGap[] {
  return db
    .prepare(
      `SELECT stream, from_ledger AS fromLedger, to_ledger AS toLedger, from_date AS fromDate, to_date AS toDate,
              horizon_url AS horizonUrl, noticed_at AS noticedAt
       FROM history_gaps ${operationId === undefined ? '' : 'WHERE operation_id = ?'} ORDER BY id`,
    )
    .all(...(operationId === undefined ? [] : [operationId])) as HistoryGap[];
}
