import fs from 'node:fs';
import path from 'node:path';

/**
 * The workplace's shared/ folder (public fixtures and docs) sits beside the project checkout.
 * Tests that use it run when it exists (CI always has it) and are skipped elsewhere.
 * Its files are read in place, never copied into the project.
 */
export const SHARED_DIR = path.resolve(__dirname, '..', '..', '..', 'shared');
export const SC_DATA_DIR = path.join(SHARED_DIR, 'fixtures', 'sc-data');
export const hasShared = fs.existsSync(path.join(SC_DATA_DIR, 'sinking_txs.ndjson'));

export function sharedFixture(...parts: string[]): string {
  return path.join(SHARED_DIR, 'fixtures', ...parts);
}
