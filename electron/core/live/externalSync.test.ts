import { afterEach, describe, expect, it } from 'vitest';
import type { DataChanged, ExternalOperation } from '../../../shared/events.js';
import { runCliAsync } from '../../testkit/cliHarness.js';
import { until } from '../../testkit/reliability/child.js';
import { TempEngines } from '../../testkit/tempEngines.js';
import { watchExternalOperations, type ExternalWatcher } from './externalSync.js';

/** A catch-up (here a load) run by the CLI on the app's database is announced to the app, and its views refresh. */
describe('operations of other processes', () => {
  const engines = new TempEngines('sc-external-');
  let watcher: ExternalWatcher | null = null;
  afterEach(() => {
    watcher?.stop();
    engines.cleanUp();
  });

  it('are announced when they start and finish, with who ran them; the tables they changed refresh', async () => {
    const file = engines.dbFile();
    const engine = engines.engine(file);
    engine.writer();
    const announced: ExternalOperation[] = [];
    const changed: DataChanged[] = [];
    engine.events.on('sync.external', (e) => announced.push(e));
    engine.events.on('data.changed', (c) => changed.push(c));
    watcher = watchExternalOperations(engine, { intervalMs: 20 });
    // This process's own operations are not announced (its jobs have their own progress events).
    engine.runOperationSync({ kind: 'load', via: 'test' }, () => null);
    watcher.poll();
    expect(announced).toEqual([]);

    const run = await runCliAsync(['--db', file, 'load', 'impact-projects']);
    expect(run.code, run.stderr).toBe(0);
    await until(() => announced.some((a) => a.state === 'finished'), 10_000, 'the finish announcement');
    expect(announced.map((a) => a.state)).toEqual(['running', 'finished']);
    expect(announced[1]).toMatchObject({ kind: 'load', actor: 'test', via: 'cli', status: 'ok', tables: ['vcs_projects'] });
    // The CLI's own process (tsx runs it in a child of the one spawned): another pid than ours.
    expect(announced[1]?.pid).toEqual(expect.any(Number));
    expect(announced[1]?.pid).not.toBe(process.pid);
    expect(announced[0]?.operationId).toBe(announced[1]?.operationId);
    expect(changed).toContainEqual({ tables: ['vcs_projects'] });
  });
});
