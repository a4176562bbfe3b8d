import type { ByteSink } from '../core/export/writeExport.js';

/**
 * An export's sink that keeps what was written, for tests, holding the writer to ByteSink's contract: the export
 * reuses a chunk's buffer once its write has resolved (byteChunks.ts), so each chunk is copied, and its write
 * resolves only on a later turn of the event loop, after checking that nobody changed the chunk's bytes meanwhile
 * (a writer reusing a buffer still being written would).
 */
export interface CollectingSink extends ByteSink {
  writes: number;
  text(): string;
}

export function collectingSink(): CollectingSink {
  const chunks: Buffer[] = [];
  const sink: CollectingSink = {
    writes: 0,
    write(chunk) {
      sink.writes++;
      const copy = Buffer.from(chunk);
      chunks.push(copy);
      return new Promise((resolve, reject) =>
        setImmediate(() => (chunk.equals(copy) ? resolve() : reject(new Error('a chunk was changed before its write resolved')))),
      );
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
  return sink;
}

/**
 * A collecting sink that runs `commit` once, at its first write: the header, which goes out after the export took
 * its snapshot and before a worker can take its own (splitExport.ts).
 */
export function commitAtFirstWrite(commit: () => void): CollectingSink & { committed: boolean } {
  const out = collectingSink();
  const write = out.write;
  const sink = Object.assign(out, {
    committed: false,
    write(chunk: Buffer) {
      if (!sink.committed) {
        sink.committed = true;
        commit();
      }
      return write(chunk);
    },
  });
  return sink;
}
