import fs from 'node:fs';
import path from 'node:path';
import { removeQuietly } from './atomicFile.js';

/**
 * Deletes '.<name>.partial-<pid>-<rand>' files left next to a target by a process that was killed mid-write
 * (temp names carry the writer's pid). A live writer's file is left alone, so two exports never collide.
 */
export function removeStalePartials(target: string): string[] {
  const dir = path.dirname(target);
  const prefix = `.${path.basename(target)}.partial-`;
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-[0-9a-f]+$/.exec(name.slice(prefix.length))?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    removeQuietly(path.join(dir, name));
    removed.push(name);
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
