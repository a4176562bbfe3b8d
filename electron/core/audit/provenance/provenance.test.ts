import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine.js';
import { runBootstrap } from '../../sync/runSync.js';
import { hasShared, SC_DATA_DIR } from '../../../testkit/sharedDir.js';
import { editedDump, type ScDataSource } from '../../../testkit/fakeScData/index.js';
import { FirstRun } from '../../../testkit/firstRun.js';
import { worldFromScData } from '../../../testkit/fakeWorld/index.js';
import { verifyWithSources } from '../verifyOnline.js';
import { runProvenanceCheck } from './provenance.js';
import { provenanceRows, provenanceSummary } from './results.js';

const http = { sleep: () => Promise.resolve(), maxRetries: 1 };
const SALE = '61d4ff5516b7098bbc2219d244e7f29a039c32735e1c16d1c05d66a0739727d9';
const OTHER_BUYER = 'GC53JCXZHW3SVNRE4CT6XFP46WX4ACFQU32P4PR3CU43OB7AKKMFXZ6Y';

describe.skipIf(!hasShared)('the provenance check of bootstrapped rows (full-history fake Horizon)', () => {
  const net = new FirstRun();
  afterEach(() => net.close());
  async function bootstrapped(dumps: ScDataSource = SC_DATA_DIR): Promise<Engine> {
    const engine = await net.start(worldFromScData(SC_DATA_DIR), dumps);
    await runBootstrap(engine, { via: 'test', http });
    return engine;
  }

  it('confirms every published row, with at most one request per row, and asks nothing again', async () => {
    const e = await bootstrapped();
    const before = net.world?.requestCount() ?? 0;
    const run = await runProvenanceCheck(e, { via: 'test', http });
    expect(run.summary).toMatchObject({ bootstrapped: 128, confirmed: 128, differs: 0, unconfirmable: 0, unchecked: 0 });
    // One root, one operations list per transaction (a sale's outflows share it), one registry page.
    const asked = (net.world?.requestCount() ?? 0) - before;
    expect(asked).toBe(run.requests);
    expect(asked).toBeLessThanOrEqual(1 + 31 + 29 + 9 + 1);
    expect(net.world?.log.filter((l) => l.path.endsWith('/operations')).length).toBe(31 + 9 + 3);
    const again = await runProvenanceCheck(e, { via: 'test', http });
    expect(again).toMatchObject({ checked: 0, requests: 0, operationId: null });
  });

  it('names a sale and a retirement edited before publishing, field by field, and verify fails', async () => {
    const edited = editedDump(editedDump(SC_DATA_DIR, 'sinking_txs', SALE, 'recipient', `"${OTHER_BUYER}"`), 'retirements', 143471, 'retirement_beneficiary', '"someone else"');
    const e = await bootstrapped(edited);
    const report = await verifyWithSources(e, { via: 'test', http });
    expect(report.ok).toBe(false);
    const check = report.checks.find((c) => c.id === 'provenance');
    expect(check?.status).toBe('fail');
    const messages = check?.offenders.map((o) => o.message) ?? [];
    expect(messages).toContainEqual(expect.stringMatching(new RegExp(`sinking_txs ${SALE} differs from Horizon .*: recipient: published ${OTHER_BUYER}, source GAVF6ZB7`)));
    expect(messages).toContainEqual(expect.stringMatching(/retirements 143471 differs from Verra asset search .*retirement_beneficiary: published someone else, source GAVF6ZB7/));
    // The two links that rest on them (retirement 143471's block and its fill of the sale) cannot be confirmed either.
    expect(report.provenance?.summary).toMatchObject({ bootstrapped: 128, differs: 2, unconfirmable: 2, confirmed: 124 });
    expect(provenanceRows(e.reader(), { status: 'unconfirmable' }).map((r) => r.detail)).toContainEqual(expect.stringMatching(/retirements 143471 differs from its source/));
    expect(provenanceRows(e.reader(), { status: 'differs' }).map((r) => `${r.table} ${r.key}`).sort()).toEqual(['retirements 143471', `sinking_txs ${SALE}`]);
  });

  it('a cancelled check keeps its verdicts; the next run asks only for the rest', async () => {
    const e = await bootstrapped();
    const ac = new AbortController();
    const err = await runProvenanceCheck(e, { via: 'test', http, signal: ac.signal, onProgress: (p) => p.done >= 10 && ac.abort() }).then(
      () => null,
      (x: unknown) => x as { code: string },
    );
    expect(err?.code).toBe('CANCELLED');
    const partial = provenanceSummary(e.reader());
    expect(partial.confirmed).toBeGreaterThanOrEqual(10);
    expect(partial.unchecked).toBe(128 - partial.confirmed);
    const rest = await runProvenanceCheck(e, { via: 'test', http });
    expect(rest.checked).toBe(partial.unchecked);
    expect(rest.summary.confirmed).toBe(128);
  });

  it('a source that is down is named; its rows stay unchecked and verify still runs every other check', async () => {
    const e = await bootstrapped();
    for (let i = 0; i < 4; i++) net.world?.faults.add('/', { kind: 'status', status: 503 });
    const report = await verifyWithSources(e, { via: 'test', http });
    expect(report.provenanceError).toMatch(new RegExp(`${net.world?.url}/: HTTP 503`));
    expect(report.ok).toBe(true);
    expect(report.checks.find((c) => c.id === 'provenance')).toMatchObject({ status: 'findings' });
    expect(provenanceSummary(e.reader()).unchecked).toBeGreaterThan(0);
  });
});
