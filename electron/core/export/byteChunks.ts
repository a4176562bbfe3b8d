/** Bytes per chunk at most (a batch of 1000 sales is ~540 kB of CSV). */
export const CHUNK_BYTES = 1 << 20;

/**
 * Two chunk buffers used in turn, for a receiver that keeps at most one chunk past its call: a chunk handed to
 * `emit` is free again once the NEXT `emit` has resolved (writeRows' `put` starts a chunk's write and, before the
 * next one, waits for it; a synchronous write is done at once). A fresh buffer per chunk left ~50 MB of dead 1 MiB
 * buffers per thread waiting for V8 to collect them (their memory is outside its heap, so it looks late):
 * docs/performance.md, the export's memory.
 */
export class ChunkPair {
  private readonly buffers = [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)] as const;
  private turn = 0;

  /** The buffer to fill next: the one handed on two chunks ago. */
  next(): Buffer {
    this.turn ^= 1;
    return this.buffers[this.turn] as Buffer;
  }
}

/**
 * Encoded rows written as UTF-8 straight into chunks of bytes, each handed to `emit` when full or flushed: turning
 * one string built from a batch of rows into bytes cost more than encoding the rows (V8 flattens the long
 * concatenation first). The chunks are a ChunkPair's (see its contract for `emit`). Await each `add` that returns
 * a promise, and each `flush`, before the next call.
 */
export class ByteChunks {
  private readonly pair = new ChunkPair();
  private chunk = this.pair.next();
  private used = 0;

  constructor(private readonly emit: (bytes: Buffer) => Promise<void> | void) {}

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
    // Longer than a chunk (a huge cell): its own bytes (emitted between two of the pair's, it only delays their reuse).
    if (text.length * 3 > CHUNK_BYTES) await this.emit(Buffer.from(text, 'utf8'));
    else this.used += this.chunk.write(text, this.used, 'utf8');
  }

  /** Hands on what the chunk holds (nothing when empty). */
  async flush(): Promise<void> {
    if (this.used === 0) return;
    const full = this.chunk.subarray(0, this.used);
    this.used = 0;
    await this.emit(full);
    // The other buffer's bytes are out now that this emit has resolved.
    this.chunk = this.pair.next();
  }
}
