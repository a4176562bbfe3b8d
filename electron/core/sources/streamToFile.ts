import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { AppError } from '../../../shared/errors.js';

/** Writes a response body to `file` chunk by chunk, hashing as it goes; a body over the limit is refused, not retried. */
export async function streamToFile(res: Response, file: string, url: string, opts: { maxBytes: number; onBytes?: (bytes: number) => void }): Promise<{ sha256: string; bytes: number }> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > opts.maxBytes) {
    throw new AppError('SOURCE_ERROR', `${url}: ${declared} bytes, more than the limit of ${opts.maxBytes} bytes`);
  }
  const hash = createHash('sha256');
  let bytes = 0;
  const out = fs.openSync(file, 'w');
  try {
    if (res.body) {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.byteLength;
        if (bytes > opts.maxBytes) throw new AppError('SOURCE_ERROR', `${url}: the body passed the limit of ${opts.maxBytes} bytes`);
        hash.update(chunk);
        fs.writeSync(out, chunk);
        opts.onBytes?.(bytes);
      }
    }
    fs.fsyncSync(out);
  } finally {
    fs.closeSync(out);
  }
  return { sha256: hash.digest('hex'), bytes };
}
