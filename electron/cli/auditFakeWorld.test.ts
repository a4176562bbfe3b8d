import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OperationRow, VerifyReport } from '../../shared/api/audit.js';
import { hasShared, SC_DATA_DIR } from '../testkit/sharedDir.js';
import { worldFromScData } from '../testkit/fakeWorld/fromScData.js';
import { CliWorld } from '../testkit/cliWorld.js';

/** The audit trail end to end: a catch-up of the fake sc-data world, then verify, the views and replay. */
describe.skipIf(!hasShared)('audit trail of a catch-up of the fake world', () => {
  const w = new CliWorld();
  beforeEach(() => w.start(worldFromScData(SC_DATA_DIR), 'sc-audit-world-'));
  afterEach(() => w.close());
  const cli = (...args: string[]) => w.cli(...args);

  it('verify passes after a fresh catch-up; the 8 unfinalized sales are grace-period findings', async () => {
    await cli('--actor', 'world-test', 'catch-up', '--fresh');
    const text = await cli('verify');
    if (process.env.SC_PRINT_VERIFY) process.stderr.write(text);
    const report = JSON.parse(await cli('verify', '-f', 'json')) as VerifyReport;
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(report.ok).toBe(true);
    const grace = report.checks.find((c) => c.id === 'grace-period')!;
    expect(grace.status).toBe('findings');
    expect(grace.count).toBe(8);

    const [op] = JSON.parse(await cli('view', 'audit', '--kind', 'catch-up', '-f', 'json')) as OperationRow[];
    expect(op).toMatchObject({ actor: 'world-test', status: 'ok', via: 'cli', command: expect.arrayContaining(['catch-up']) as unknown });
    expect(op!.sourceUrls[0]).toMatch(/^http:\/\/127\.0\.0\.1:/);
    const result = JSON.parse(op!.result!) as { counts: Record<string, number>; changes: Record<string, Record<string, number>> };
    expect(result.counts['sinking-txs']).toBe(31);
    expect(result.changes).toMatchObject({ sinking_txs: { insert: 31 }, sink_status: { insert: 24 }, minted_blocks: { insert: 9 } });

    // A second catch-up changes nothing; the chain keeps growing only by operation events.
    await cli('catch-up', '--fresh');
    const [again] = JSON.parse(await cli('view', 'audit', '--kind', 'catch-up', '--limit', '1', '-f', 'json')) as OperationRow[];
    expect(JSON.parse(again!.result!).changes).toBeUndefined();

    const today = new Date().toISOString().slice(0, 10);
    const script = path.join(w.dir, 'replay.sh');
    await cli('reproduce', '--from', today, '--to', today, '--out', script);
    const body = fs.readFileSync(script, 'utf8');
    expect(body.match(/^run catch-up --fresh --note/gm)).toHaveLength(2);
    expect(body).toMatch(/^run verify --note/m);
  });

  it('verify passes after restoring the published sc-data dump, whose rows are logged under the restore', async () => {
    await cli('backup', 'restore', SC_DATA_DIR);
    const report = JSON.parse(await cli('verify', '-f', 'json')) as VerifyReport;
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    // The restored rows were taken on trust; verify re-derived each from the (full-history) fake Horizon and Verra.
    expect(report.provenance?.summary).toMatchObject({ bootstrapped: 128, confirmed: 128, differs: 0, unconfirmable: 0, unchecked: 0 });
    expect(report.checks.find((c) => c.id === 'provenance')).toMatchObject({ status: 'pass', count: 0 });
    // A second verify asks the sources nothing: every row is confirmed as it is.
    const before = w.server.requestCount();
    const again = JSON.parse(await cli('verify', '-f', 'json')) as VerifyReport;
    expect(again.provenance).toMatchObject({ checked: 0, requests: 0 });
    expect(w.server.requestCount()).toBe(before);
    const [op] = JSON.parse(await cli('view', 'audit', '--kind', 'restore', '-f', 'json')) as OperationRow[];
    expect(JSON.parse(op!.result!).changes).toMatchObject({ sinking_txs: { insert: 31 }, distribution_txs: { insert: 29 } });
    const history = await cli('view', 'history', 'sink_status', `20dbafdc604fc1a48eafc4ce0df2b6151dfa5a5241c307f811a99ce4ddf2fb7f/152453`, '-f', 'json');
    expect(JSON.parse(history)).toMatchObject([{ kind: 'insert', operationId: op!.id }]);
  });
});
