import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';

/**
 * Output files are written under a temporary name in the target folder and renamed at the end: a crash, a kill
 * or a cancel never leaves a half-written file under the name the auditor chose (rename is atomic within one
 * folder). The temporary name starts with '.' and says what it is, so a leftover is recognisable.
 */

/** The target as an absolute path whose folder exists; refuses a folder or a relative path. */
export function checkTarget(target: string, what: string): string {
  if (!path.isAbsolute(target)) throw new AppError('BAD_INPUT', `${what}: expected an absolute path, got ${JSON.stringify(target)}.`);
  const dir = path.dirname(target);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new AppError('NOT_FOUND', `${what}: the folder ${dir} does not exist.`);
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) throw new AppError('BAD_INPUT', `${what}: ${target} is a folder, not a file.`);
  return path.resolve(target);
}

/** Refuses to write over the database in use or its journal files (a rename over them would replace the data). */
export function refuseDatabaseFile(target: string, dbPath: string, what: string): void {
  if (dbPath === ':memory:') return;
  const db = path.resolve(dbPath);
  if ([db, `${db}-wal`, `${db}-shm`, `${db}-journal`].includes(path.resolve(target))) {
    throw new AppError('BAD_INPUT', `${what}: ${target} is the database in use; choose another file.`);
  }
}

export function tempPathFor(target: string, tag = 'partial'): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${tag}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** fsync the file, rename it over the target, fsync the folder (so the rename itself survives a power cut). */
export function commitTemp(tmp: string, target: string): void {
  const fd = fs.openSync(tmp, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, target);
  syncDir(path.dirname(target));
}

export function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Folders cannot be opened for fsync on Windows; the rename is still atomic there.
  }
}

export function removeQuietly(file: string): void {
  try {
    // recursive: a proof bundle's temporary folder too.
    fs.rmSync(file, { force: true, recursive: true });
  } catch {
    // Best effort: a leftover temp file is harmless and recognisable by its name.
  }
}

/** sha256 and size of a file, streamed (backups can be large). */
export async function hashFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}
