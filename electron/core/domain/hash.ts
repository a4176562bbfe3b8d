import { createHash } from 'node:crypto';

/** sha256 of a text's UTF-8 bytes, as lowercase hex: a block's serial_hash is sha256 of its serial number. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
