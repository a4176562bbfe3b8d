import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../../shared/events';
import { IDLE, bootstrapLine, foldProgress, stepFraction, stepLabel } from './catchUpState';

const ev = (p: Partial<JobProgress>): JobProgress => ({ jobId: 'j1', kind: 'catch-up', step: 'sinking-txs', done: 0, total: null, state: 'running', ...p });

describe('catch-up progress', () => {
  it('tracks steps in order and closes earlier ones', () => {
    let v = foldProgress(IDLE, ev({ step: 'distribution-txs', done: 5 }));
    v = foldProgress(v, ev({ step: 'sinking-txs', done: 10, total: 40 }));
    expect(v.steps.map((s) => [s.step, s.state])).toEqual([
      ['distribution-txs', 'done'],
      ['sinking-txs', 'running'],
    ]);
    expect(stepFraction(v.steps[1]!)).toBe(0.25);
    expect(stepFraction(v.steps[0]!)).toBe(1);
  });
  it('ignores other kinds and other jobs while one runs', () => {
    const v = foldProgress(IDLE, ev({}));
    expect(foldProgress(v, ev({ kind: 'export' }))).toBe(v);
    expect(foldProgress(v, ev({ jobId: 'j2' }))).toBe(v);
  });
  it('a finished job is replaced by a new one', () => {
    const done = foldProgress(IDLE, ev({ state: 'done' }));
    const next = foldProgress(done, ev({ jobId: 'j2', step: 'retirements' }));
    expect(next.jobId).toBe('j2');
    expect(next.steps).toHaveLength(1);
  });
  it('keeps a rate-limit message and shows an unknown total as indeterminate', () => {
    const v = foldProgress(IDLE, ev({ state: 'waiting', message: 'rate limited, resuming in 12 s' }));
    expect(v.message).toMatch(/rate limited/);
    expect(stepFraction(v.steps[0]!)).toBeNull();
    expect(stepLabel('sinking-txs')).toBe('Sinking transactions');
    expect(stepLabel('other')).toBe('other');
  });
  it('treats the job-level step as state, not as a step', () => {
    let v = foldProgress(IDLE, ev({ step: 'catch-up' }));
    expect(v.steps).toHaveLength(0);
    v = foldProgress(v, ev({ step: 'retirements', done: 3 }));
    v = foldProgress(v, ev({ step: 'catch-up', state: 'done' }));
    expect(v.state).toBe('done');
    expect(v.steps[0]?.state).toBe('done');
  });
});

describe('bootstrap progress', () => {
  const sha = 'ab'.repeat(32);
  it('names the file being read, its hash cut short', () => {
    const s = { step: 'bootstrap', done: 3, total: 7, state: 'running' as const, message: `sinking_txs.ndjson: 31 rows, 9,845 bytes, sha256 ${sha}` };
    expect(bootstrapLine(s)).toBe(`Downloading published data (3/7 done): sinking_txs.ndjson: 31 rows, 9,845 bytes, sha256 ${sha.slice(0, 12)}…`);
    expect(bootstrapLine({ ...s, message: undefined })).toBe('Downloading published data (3/7 done) …');
    expect(bootstrapLine({ ...s, done: 7, message: 'restoring 128 rows (all or nothing)' })).toBe('Published data (7 files): restoring 128 rows (all or nothing)');
    expect(bootstrapLine({ ...s, done: 7, state: 'done' })).toBe('Published data (7/7 files)');
    expect(stepLabel('bootstrap')).toBe('Published data');
  });
  it('keeps the bootstrap step first, before the Horizon steps', () => {
    let v = foldProgress(IDLE, ev({ step: 'bootstrap', done: 1, total: 7 }));
    v = foldProgress(v, ev({ step: 'impact-projects', done: 1 }));
    expect(v.steps.map((s) => [s.step, s.state])).toEqual([
      ['bootstrap', 'done'],
      ['impact-projects', 'running'],
    ]);
  });
});
