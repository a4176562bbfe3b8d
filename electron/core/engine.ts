import type { LiveStatus } from '../../shared/api/live.js';
import { recordSchemaChange, runOperation, runOperationSync, withDefaults, type OperationDefaults, type OperationHandle, type OperationSpec } from './audit/operationRunner.js';
import { EventHub } from './eventHub.js';
import { openReadDb, openWriteDb } from './db/open.js';
import type { ReadDb, WriteDb } from './db/types.js';
import { JobRegistry } from './jobs/registry.js';
import { keyFileStore, SIGNING_KEY_FILE_ENV, type SigningKeyStore } from './signing/signingKey.js';

/** Live mode as handlers reach it (electron/core/live/liveMode.ts); absent in processes that do not follow Horizon (the CLI). */
export interface LiveControl {
  status(): LiveStatus;
  setEnabled(on: boolean): LiveStatus;
  /** A live load holds the catch-up lock now (a catch-up asked for meanwhile waits for it instead of failing). */
  loading(): boolean;
  close(): void;
}

export interface EngineOptions {
  /** Added to every operation this engine runs unless the operation says otherwise (the CLI's --actor, --note, argv). */
  operationDefaults?: OperationDefaults;
  /** Where the auditor's signing key comes from (default: the key file named by SC_SIGNING_KEY_FILE). */
  signingKeys?: SigningKeyStore;
}

/**
 * What every handler works with: one database file, its handles, the event stream, the job registry and the
 * defaults of the operations it records. The writable handle is opened (and the schema migrated, the migration
 * recorded) first, so read handles always see a current schema.
 * Electron, `serve`, the CLI and the tests each create one Engine.
 */
export class Engine {
  readonly events = new EventHub();
  /** The long jobs (catch-up, export, backup, verify) of this engine: what jobs.list and jobs.cancel see. */
  readonly jobs = new JobRegistry(this.events);
  readonly operationDefaults: OperationDefaults;
  /** The signing key of exports and reports; the desktop app's is kept with safeStorage. */
  readonly signingKeys: SigningKeyStore;
  /** Set by startLiveMode (the app, serve). */
  live: LiveControl | null = null;
  private writeDb: WriteDb | undefined;
  private readDb: ReadDb | undefined;

  constructor(
    readonly dbPath: string,
    opts: EngineOptions = {},
  ) {
    this.operationDefaults = { ...opts.operationDefaults };
    this.signingKeys = opts.signingKeys ?? keyFileStore(process.env[SIGNING_KEY_FILE_ENV], (m) => process.stderr.write(`warning: ${m}\n`));
  }

  /** The writable handle, for sync, restore and migrations only. */
  writer(): WriteDb {
    this.writeDb ??= openWriteDb(this.dbPath, { onMigrated: (db, applied) => recordSchemaChange(db, applied, this.operationDefaults) });
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

  /** Runs fn as one recorded operation on the writable handle (see operationRunner.ts); changed tables go out as 'data.changed'. */
  runOperation<T>(spec: OperationSpec & { signal?: AbortSignal }, fn: (op: OperationHandle) => T | Promise<T>): Promise<T> {
    return runOperation(this.writer(), withDefaults(spec, this.operationDefaults), fn, this.events);
  }

  /** The synchronous twin of runOperation. */
  runOperationSync<T>(spec: OperationSpec, fn: (op: OperationHandle) => T): T {
    return runOperationSync(this.writer(), withDefaults(spec, this.operationDefaults), fn, this.events);
  }

  close(): void {
    this.live?.close();
    this.live = null;
    this.readDb?.close();
    this.writeDb?.close();
    this.readDb = undefined;
    this.writeDb = undefined;
  }
}
