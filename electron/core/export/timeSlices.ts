/** Longest stretch of synchronous row reading between two yields to the event loop. */
const SLICE_MS = 8;

/**
 * Reading rows is synchronous: a loop over them lets other work through (IPC, HTTP, progress, a worker's cancel)
 * every few milliseconds, not only between batches (docs/performance.md: a 1000-row batch held the thread ~90 ms
 * on a loaded machine). The clock is read every 64 rows only.
 */
export function timeSlices(): { after(row: number): Promise<void> | undefined; restart(): void } {
  let start = performance.now();
  return {
    /** After the `row`-th row: a promise that resolves on the next turn of the event loop if the slice is over. */
    after(row) {
      if ((row & 63) !== 0 || performance.now() - start < SLICE_MS) return undefined;
      return new Promise<void>((resolve) =>
        setImmediate(() => {
          start = performance.now();
          resolve();
        }),
      );
    },
    restart() {
      start = performance.now();
    },
  };
}
