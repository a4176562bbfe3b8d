import type { WriteDb } from '../db/types.js';

/**
 * A run of steps checkpoints the WAL between its steps, not inside their commits. SQLite checkpoints in the commit
 * that leaves the WAL over `wal_autocheckpoint` pages (1000 by default): the commit of a 50k-sale step then also
 * copied its ~90 MB of pages into the database file and synced it (0.3–0.7 s, docs/performance.md). While the steps
 * run, the connection's automatic checkpoint is off; after a step that loaded many rows one PASSIVE checkpoint runs
 * as soon as the event loop is free — while the next step's first requests are in flight — and when the run ends the
 * setting comes back and a last checkpoint runs. Commits are as durable as before (synchronous=FULL syncs the WAL); a
 * crash in between only leaves a longer WAL, which the next open reads.
 */
/**
 * Rows a step loads before its checkpoint runs between steps: about SQLite's own 1,000 WAL pages (a sale, with its
 * change-log row and index entries, takes ~0.5 page). Smaller steps leave theirs to the end of the run, as SQLite
 * would have left them to a later commit.
 */
export const CHECKPOINT_AFTER_ROWS = 2000;

export class StepCheckpoints {
  private readonly autoPages: number;
  private pending: NodeJS.Immediate | null = null;

  constructor(private readonly db: WriteDb) {
    this.autoPages = db.pragma('wal_autocheckpoint', { simple: true }) as number;
    db.pragma('wal_autocheckpoint = 0');
  }

  /** After a step committed `rows` rows: a checkpoint once the current task is done, if they were many. */
  afterStep(rows: number): void {
    if (rows < CHECKPOINT_AFTER_ROWS) return;
    this.pending ??= setImmediate(() => {
      this.pending = null;
      // A failure here (an I/O error) loses nothing — the WAL keeps every page — and the last checkpoint in
      // finish() meets it again and throws.
      try {
        this.checkpoint();
      } catch {
        /* reported by finish() */
      }
    });
  }

  /**
   * The run ended: the connection's setting back, and the last checkpoint. After a failed or cancelled run the run's
   * own error is the one to report, so a checkpoint's failure is left to the next commit's automatic checkpoint.
   */
  finish(opts: { afterFailure?: boolean } = {}): void {
    if (this.pending) clearImmediate(this.pending);
    this.pending = null;
    if (!this.db.open) return;
    try {
      this.db.pragma(`wal_autocheckpoint = ${this.autoPages}`);
      this.checkpoint();
    } catch (err) {
      if (!opts.afterFailure) throw err;
    }
  }

  private checkpoint(): void {
    // Not inside a transaction of this connection (SQLite refuses it there); the next step's commit is not one.
    if (this.db.open && !this.db.inTransaction) this.db.pragma('wal_checkpoint(PASSIVE)');
  }
}
