import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWriteDb } from '../db/open.js';
import type { WriteDb } from '../db/types.js';
import { CHECKPOINT_AFTER_ROWS, StepCheckpoints } from './stepCheckpoints.js';

/** Pages that reached the database file (the WAL holds the rest until a checkpoint copies them). */
const fileBytes = (file: string) => fs.statSync(file).size;
const nextTask = () => new Promise((resolve) => setImmediate(resolve));

describe('the WAL checkpoints of a run of steps', () => {
  let dir: string;
  let file: string;
  let db: WriteDb;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-checkpoints-'));
    file = path.join(dir, 'db.sqlite3');
    db = openWriteDb(file);
    db.exec('CREATE TABLE IF NOT EXISTS bulk_probe (v TEXT)');
  });
  afterEach(() => {
    if (db.open) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  // ~2,500 pages: past the 1,000 at which a commit would checkpoint on its own.
  const writeStep = () => db.transaction(() => db.prepare("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500) INSERT INTO bulk_probe SELECT hex(randomblob(1000)) FROM n").run())();

  it('a step commits without checkpointing; the checkpoint follows once the task is done', async () => {
    const checkpoints = new StepCheckpoints(db);
    const before = fileBytes(file);
    writeStep();
    expect(fileBytes(file)).toBe(before);
    checkpoints.afterStep(CHECKPOINT_AFTER_ROWS);
    expect(fileBytes(file)).toBe(before);
    await nextTask();
    expect(fileBytes(file)).toBeGreaterThan(before + 2500 * 1000);
    checkpoints.finish();
  });

  it('a step that loaded few rows leaves its checkpoint to the end of the run', async () => {
    const checkpoints = new StepCheckpoints(db);
    const before = fileBytes(file);
    writeStep();
    checkpoints.afterStep(CHECKPOINT_AFTER_ROWS - 1);
    await nextTask();
    expect(fileBytes(file)).toBe(before);
    checkpoints.finish();
    expect(fileBytes(file)).toBeGreaterThan(before + 2500 * 1000);
  });

  it("the run's end puts the connection's automatic checkpoint back and checkpoints what is left", () => {
    db.pragma('wal_autocheckpoint = 777');
    const checkpoints = new StepCheckpoints(db);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = fileBytes(file);
    writeStep();
    checkpoints.finish();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(777);
    expect(fileBytes(file)).toBeGreaterThan(before + 2500 * 1000);
  });

  it('no checkpoint inside a transaction of the connection: it waits for the run to end', async () => {
    const checkpoints = new StepCheckpoints(db);
    const before = fileBytes(file);
    writeStep();
    checkpoints.afterStep(CHECKPOINT_AFTER_ROWS);
    db.exec('BEGIN');
    await nextTask();
    expect(fileBytes(file)).toBe(before);
    db.exec('COMMIT');
    checkpoints.finish();
    expect(fileBytes(file)).toBeGreaterThan(before);
  });
});
