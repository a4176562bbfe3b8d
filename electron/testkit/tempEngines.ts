import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Engine } from '../core/engine.js';

/** Temporary folders and the engines opened on files in them, all closed and removed by `cleanUp` (afterEach). */
export class TempEngines {
  private readonly dirs: string[] = [];
  private readonly engines: Engine[] = [];

  constructor(private readonly prefix: string) {}

  dir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), this.prefix));
    this.dirs.push(dir);
    return dir;
  }

  /** A database file (not created yet) in a new folder. */
  dbFile(): string {
    return path.join(this.dir(), 'db.sqlite3');
  }

  engine(file: string): Engine {
    const e = new Engine(file);
    this.engines.push(e);
    return e;
  }

  cleanUp(): void {
    this.engines.splice(0).forEach((e) => e.close());
    this.dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  }
}
