import { createHash } from 'node:crypto';
import { crc16Xmodem } from '../../../shared/strkey.js';

/**
 * Valid Stellar strkeys for synthetic data (the API refuses account ids with a bad checksum, so filters in the
 * benchmark must use real-looking ones): version byte + 32 bytes (sha256 of a seed) + CRC16, base32.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function strkey(version: number, seed: string): string {
  const payload = new Uint8Array(35);
  payload[0] = version;
  payload.set(createHash('sha256').update(seed).digest(), 1);
  const crc = crc16Xmodem(payload.subarray(0, 33));
  payload[33] = crc & 0xff;
  payload[34] = crc >> 8;
  return base32(payload);
}

export const accountId = (seed: string): string => strkey(6 << 3, seed);
export const contractId = (seed: string): string => strkey(2 << 3, seed);
