import { EventHub } from './eventHub.js';
import { openReadDb, openWriteDb } from './db/open.js';
import type { ReadDb, WriteDb } from './db/types.js';

/**
 * What every handler works with: one database file, its handles and the event stream.
 * The writable handle is opened (and the schema migrated) first, so read handles always see a current schema.
 * Electron, `serve`, the CLI and the tests each create one Engine.
 */
export class Engine {
  readonly events = new EventHub();
  private writeDb: WriteDb | undefined;
  private readDb: ReadDb | undefined;

  constructor(readonly dbPath: string) {}

  /** The writable handle, for sync, restore and migrations only. */
  writer(): WriteDb {
    this.writeDb ??= openWriteDb(this.dbPath);
    return this.writeDb;
  }

  /** A read-only handle for views and exports. An in-memory database has only the one handle. */
  reader(): ReadDb {
    if (this.dbPath === ':memory:') return this.writer();
    if (!this.readDb) {
      this.writer();
      this.readDb = openReadDb(this.dbPath);
    }
    return this.readDb;
  }

  close(): void {
    this.readDb?.close();
    this.writeDb?.close();
    this.readDb = undefined;
    this.writeDb = undefined;
  }
}
