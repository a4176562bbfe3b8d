/**
 * Stellar strkeys (SEP-23) checked in pure TypeScript, so the API schemas (loaded by the renderer too)
 * can refuse a mistyped address before any work: base32 of version byte + 32-byte key + CRC16-XModem (LE).
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const VERSION_ACCOUNT = 6 << 3; // 'G'
const VERSION_CONTRACT = 2 << 3; // 'C'

function base32Decode(s: string): Uint8Array | null {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of s) {
    const idx = ALPHABET.indexOf(ch);
    if (idx < 0) return null;
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  // 56 chars = 280 bits = 35 bytes exactly; leftover bits would mean a non-canonical encoding.
  if (bits !== 0 && value !== 0) return null;
  return Uint8Array.from(out);
}

export function crc16Xmodem(bytes: Uint8Array): number {
  let crc = 0;
  for (const b of bytes) {
    crc ^= b << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

function isStrkey(s: unknown, version: number): boolean {
  if (typeof s !== 'string' || s.length !== 56) return false;
  const bytes = base32Decode(s);
  if (!bytes || bytes.length !== 35 || bytes[0] !== version) return false;
  const crc = crc16Xmodem(bytes.subarray(0, 33));
  return bytes[33] === (crc & 0xff) && bytes[34] === crc >> 8;
}

/** A Stellar account id (G…) with a valid checksum. */
export function isAccountId(s: unknown): s is string {
  return isStrkey(s, VERSION_ACCOUNT);
}

/** A Soroban contract id (C…) with a valid checksum. */
export function isContractId(s: unknown): s is string {
  return isStrkey(s, VERSION_CONTRACT);
}
