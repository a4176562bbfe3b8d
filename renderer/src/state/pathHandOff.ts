/**
 * A path chosen outside the page that runs its flow — in the desktop menu's OS dialog, File → Open Recent, or the
 * palette's dialog — handed to that page's flow (Settings → Database and backups), so the user sees its progress and
 * result there as if the path had been chosen on the page. The page may not be shown yet (pages load lazily): the
 * hand-off waits until it subscribes.
 */
export type PathFlow = 'dump-import' | 'backup-apply' | 'backup-create';
export interface PathHandOff {
  flow: PathFlow;
  /** None in a browser on serve (no OS dialog): the page then puts the cursor in the flow's path field. */
  path?: string;
}

let pending: PathHandOff | null = null;
let listener: ((h: PathHandOff) => void) | null = null;

export function handOffPath(h: PathHandOff): void {
  if (listener) listener(h);
  else pending = h;
}

/** The flow's page takes the waiting hand-off (if any) and the next ones while it is shown; returns the unsubscribe. */
export function receivePaths(cb: (h: PathHandOff) => void): () => void {
  listener = cb;
  const waiting = pending;
  pending = null;
  if (waiting) cb(waiting);
  return () => {
    if (listener === cb) listener = null;
  };
}
