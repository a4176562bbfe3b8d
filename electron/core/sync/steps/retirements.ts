import { AppError } from '../../../../shared/errors.js';
import { recordDrift } from '../../audit/driftLog.js';
import { retirementsFromDate } from '../cursors.js';
import { insertRows } from '../insert.js';
import { forRecord } from '../recordError.js';
import { retirementDrift } from '../registryDrift.js';
import { retirementRow, type RetirementRow } from '../retirementRows.js';
import { recordSyncState } from '../syncState.js';
import type { StepContext } from '../types.js';

const STEP = 'retirements';

/**
 * Stellarcarbon's retirements from Verra: every catch-up reads them all (2000 a page), stores the new
 * certificates and compares the stored ones, which stay as first seen, with what the registry says now: each
 * difference not yet recorded goes to the registry drift log. A partial answer fails the step (VerraClient).
 */
export async function loadRetirements(ctx: StepContext): Promise<number> {
  const { db } = ctx;
  const result = await ctx.verra.retirements(null);
  const storedRows = db.prepare('SELECT * FROM retirements').all() as RetirementRow[];
  const stored = new Set(storedRows.map((r) => r.certificate_id));
  const projects = new Set((db.prepare('SELECT id FROM vcs_projects').all() as { id: number }[]).map((r) => r.id));
  const rows: RetirementRow[] = [];
  // Stored certificates are compared, not re-validated: a registry edit must be recorded, not stop the catch-up.
  const known: typeof result.items = [];
  for (const item of result.items) {
    if (stored.has(Number(item.holdingIdentifier))) {
      known.push(item);
      continue;
    }
    const row = forRecord(STEP, `certificate ${String(item.holdingIdentifier)}`, () => retirementRow(item));
    if (stored.has(row.certificate_id)) continue;
    if (!projects.has(row.vcs_project_id)) {
      throw new AppError('DATA_INCONSISTENT', `${STEP}: certificate ${row.certificate_id}: VCS project ${row.vcs_project_id} is not loaded`);
    }
    stored.add(row.certificate_id);
    rows.push(row);
  }
  const drift = retirementDrift(storedRows, known);
  return db.transaction(() => {
    const n = insertRows(db, 'retirements', rows);
    const noticed = recordDrift(db, 'retirement', drift.observations, drift.compared, ctx.now().toISOString());
    const notes = [
      result.countExceeded ? `Verra says more than ${result.totalCount} retirements match (countExceeded)` : null,
      noticed.length ? `registry drift: ${noticed.length} new ${noticed.length === 1 ? 'difference' : 'differences'} from the stored retirements` : null,
    ].filter((m) => m !== null);
    ctx.progress(rows.length, rows.length, notes.length ? notes.join('; ') : undefined);
    recordSyncState(db, STEP, retirementsFromDate(db), ctx.now(), null);
    return n;
  }).immediate();
}
