/** Bytes per chunk at most (a batch of 1000 sales is ~540 kB of CSV). */
export const CHUNK_BYTES = 1 << 20;

/**
 * Encoded rows written as UTF-8 straight into chunks of bytes, each handed to `emit` when full or flushed: turning
 * one string built from a batch of rows into bytes cost more than encoding the rows (V8 flattens the long
 * concatenation first). A fresh chunk each time, as the receiver may keep the last one (a sink still writing it),
 * unless `reuse`: the receiver is done with a chunk when `emit` returns (a synchronous file write).
 */
export class ByteChunks {
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;

  constructor(
    private readonly emit: (bytes: Buffer) => Promise<void> | void,
    private readonly reuse = false,
  ) {}

  /** Appends `text`; a promise only when a chunk went out first (the common case costs no await). */
  add(text: string): Promise<void> | undefined {
    // UTF-8 takes at most 3 bytes per UTF-16 unit: with that much room the text is written whole.
    if (text.length * 3 <= CHUNK_BYTES - this.used) {
      this.used += this.chunk.write(text, this.used, 'utf8');
      return undefined;
    }
    return this.addAfterFlush(text);
  }

  private async addAfterFlush(text: string): Promise<void> {
    await this.flush();
    // Longer than a chunk (a huge cell): its own bytes.
    if (text.length * 3 > CHUNK_BYTES) await this.emit(Buffer.from(text, 'utf8'));
    else this.used += this.chunk.write(text, this.used, 'utf8');
  }

  /** Hands on what the chunk holds (nothing when empty). */
  async flush(): Promise<void> {
    if (this.used === 0) return;
    const full = this.chunk.subarray(0, this.used);
    if (!this.reuse) this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
    await this.emit(full);
  }
}
