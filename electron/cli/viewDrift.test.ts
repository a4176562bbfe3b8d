import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listDrift } from '../core/views/drift.js';
import { runCliCaptured } from '../testkit/cliHarness.js';
import { DriftWorld, SERIAL } from '../testkit/driftWorld.js';
import { hasShared } from '../testkit/sharedDir.js';

/** `view drift` (issue 15): the Drift view's own query, printed as the other views are. */
describe.skipIf(!hasShared)('view drift', () => {
  const w = new DriftWorld();
  beforeEach(() => w.start());
  afterEach(() => w.stop());

  it('prints the same rows as the view, as JSON, CSV or a table, with its filters', async () => {
    w.item(152309).totalVintageQuantity = 1;
    w.server.world.verra.pool = w.server.world.verra.pool.filter((b) => b.serial_number !== SERIAL(449402409, 449402432));
    await w.catchUp();
    const json = await runCliCaptured(['--db', w.file, 'view', 'drift', '-f', 'json']);
    expect(json.stderr).toBe('');
    const rows = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(rows).toEqual(listDrift(w.engine.reader(), { limit: null }).rows);
    expect(rows.map((r) => [r.seq, r.source, r.field, r.kind])).toEqual([[2, 'pool_batch', 'record', 'removed'], [1, 'retirement', 'total_vintage_quantity', 'edited']]);
    expect(rows[1]?.covered_sales).toMatch(/^[0-9a-f]{64}$/);
    const csv = (await runCliCaptured(['--db', w.file, 'view', 'drift', '-f', 'csv', '--source', 'retirement'])).stdout.split('\r\n');
    expect(csv[0]).toBe('seq,noticed_at,source,subject,field,kind,first_value,current_value,covered_sales,operation_id,hash');
    expect(csv[1]).toMatch(/^1,\S+,retirement,152309,total_vintage_quantity,edited,97259,1,[0-9a-f]{64},[\w-]+,[0-9a-f]{64}$/);
    expect(csv).toHaveLength(3);
    const table = (await runCliCaptured(['--db', w.file, 'view', 'drift', '--kind', 'removed'])).stdout;
    expect(table).toContain(SERIAL(449402409, 449402432));
    expect(table).not.toContain('152309');
    const bad = await runCliCaptured(['--db', w.file, 'view', 'drift', '--kind', 'gone']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--kind.*Allowed choices are removed, reassigned, edited, restored/);
  });

});
