import { AppError } from '../../../shared/errors.js';

const BASE64_32_BYTES = /^[A-Za-z0-9+/]{43}=$/;

/**
 * A Stellar hash memo arrives from Horizon as base64 of 32 bytes; the database stores it as 64 lowercase hex.
 * Strict: Node's decoder silently skips junk, so the text is checked to be canonical base64 of exactly 32 bytes.
 */
export function hashMemoToHex(base64: string): string {
  if (!BASE64_32_BYTES.test(base64)) {
    throw new AppError('BAD_INPUT', `hash memo ${JSON.stringify(base64)} is not base64 of 32 bytes`);
  }
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length !== 32 || bytes.toString('base64') !== base64) {
    throw new AppError('BAD_INPUT', `hash memo ${JSON.stringify(base64)} is not canonical base64 of 32 bytes`);
  }
  return bytes.toString('hex');
}
