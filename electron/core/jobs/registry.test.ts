import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../shared/events.js';
import { EventHub } from '../eventHub.js';
import { JobRegistry } from './registry.js';

function setup() {
  const events = new EventHub();
  const seen: JobProgress[] = [];
  events.on('job.progress', (p) => seen.push(p));
  return { reg: new JobRegistry(events), seen };
}

describe('JobRegistry', () => {
  it('runs a job, emits progress and keeps the outcome for jobs.list', async () => {
    const { reg, seen } = setup();
    const value = await reg.run('export', { startedBy: 'alice', via: 'test' }, (job) => {
      expect(reg.list()).toMatchObject([{ jobId: job.id, kind: 'export', state: 'running', startedBy: 'alice' }]);
      job.progress({ step: 'rows', done: 10, total: 20 });
      return 42;
    });
    expect(value).toBe(42);
    expect(seen.map((p) => [p.state, p.step, p.done])).toEqual([
      ['running', 'export', 0],
      ['running', 'rows', 10],
      ['done', 'rows', 10],
    ]);
    expect(reg.list()).toMatchObject([{ kind: 'export', state: 'done', error: null }]);
  });

  it('cancels through jobs.cancel and ends as cancelled with CANCELLED', async () => {
    const { reg, seen } = setup();
    const run = reg.run('export', { jobId: 'client-job-1' }, async (job) => {
      while (!job.signal.aborted) await new Promise((r) => setTimeout(r, 5));
      job.throwIfCancelled();
    });
    expect(reg.cancel('client-job-1')).toBe(true);
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(reg.cancel('client-job-1')).toBe(false);
    expect(reg.list()[0]).toMatchObject({ jobId: 'client-job-1', state: 'cancelled' });
    expect(seen.at(-1)).toMatchObject({ jobId: 'client-job-1', state: 'cancelled' });
  });

  it('cancels when the caller signal aborts, records failures, refuses a duplicate live id', async () => {
    const { reg } = setup();
    const outer = new AbortController();
    const run = reg.run('backup-create', { signal: outer.signal, jobId: 'dup-id-01' }, async (job) => {
      await expect(reg.run('x', { jobId: 'dup-id-01' }, () => 1)).rejects.toMatchObject({ code: 'BAD_INPUT' });
      outer.abort();
      job.throwIfCancelled();
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(reg.run('verify', {}, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(reg.list()[0]).toMatchObject({ kind: 'verify', state: 'failed', error: 'boom' });
  });
});
