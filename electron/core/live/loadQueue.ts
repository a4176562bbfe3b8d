/**
 * The loads live records ask for, run one at a time: a key asked for again while waiting or running is run once
 * more after (never in parallel, never dropped). `run` resolves false when it could not run yet (another process
 * holds the catch-up lock): the key is tried again after `retryMs`.
 */
export class LoadQueue<K> {
  private readonly waiting = new Set<K>();
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  private closed = false;

  constructor(
    private readonly run: (key: K) => Promise<boolean>,
    private readonly opts: { settleMs: number; retryMs: number },
  ) {}

  add(key: K, delayMs = this.opts.settleMs): void {
    if (this.closed) return;
    this.waiting.add(key);
    if (!this.timer && !this.busy) this.timer = setTimeout(() => void this.drain(), delayMs);
  }

  /** Keys waiting to run (tests, status). */
  pending(): K[] {
    return [...this.waiting];
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.waiting.clear();
  }

  private async drain(): Promise<void> {
    this.timer = null;
    this.busy = true;
    const retry: K[] = [];
    try {
      while (!this.closed) {
        const next = this.waiting.values().next();
        if (next.done) break;
        this.waiting.delete(next.value);
        if (!(await this.run(next.value).catch(() => true))) retry.push(next.value);
      }
    } finally {
      this.busy = false;
    }
    for (const k of retry) this.add(k, this.opts.retryMs);
  }
}
