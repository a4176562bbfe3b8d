import { AppError } from '../../../../shared/errors.js';
import { retirementsFromDate } from '../cursors.js';
import { insertRows } from '../insert.js';
import { forRecord } from '../recordError.js';
import { retirementRow, type RetirementRow } from '../retirementRows.js';
import { recordSyncState } from '../syncState.js';
import type { StepContext } from '../types.js';

const STEP = 'retirements';

/** Stellarcarbon's retirements from Verra, from the newest stored date on; stored certificates are skipped. */
export async function loadRetirements(ctx: StepContext): Promise<number> {
  const { db } = ctx;
  const from = retirementsFromDate(db);
  const result = await ctx.verra.retirements(from);
  const stored = new Set((db.prepare('SELECT certificate_id AS id FROM retirements').all() as { id: number }[]).map((r) => r.id));
  const projects = new Set((db.prepare('SELECT id FROM vcs_projects').all() as { id: number }[]).map((r) => r.id));
  const rows: RetirementRow[] = [];
  for (const item of result.items) {
    const row = forRecord(STEP, `certificate ${String(item.holdingIdentifier)}`, () => retirementRow(item));
    if (stored.has(row.certificate_id)) continue;
    if (!projects.has(row.vcs_project_id)) {
      throw new AppError('DATA_INCONSISTENT', `${STEP}: certificate ${row.certificate_id}: VCS project ${row.vcs_project_id} is not loaded`);
    }
    stored.add(row.certificate_id);
    rows.push(row);
  }
  ctx.progress(rows.length, rows.length, result.countExceeded ? `Verra says more than ${result.totalCount} retirements match (countExceeded)` : undefined);
  return db.transaction(() => {
    const n = insertRows(db, 'retirements', rows);
    recordSyncState(db, STEP, retirementsFromDate(db), ctx.now(), null);
    return n;
  })();
}
