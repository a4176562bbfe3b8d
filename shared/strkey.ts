/**
 * Stellar strkeys (SEP-23) checked in pure TypeScript, so the API schemas (loaded by the renderer too)
 * can refuse a mistyped address before any work: base32 of version byte + 32-byte key + CRC16-XModem (LE).
 * This is the one check of the project (core, CLI, API schemas and renderer all call it). It is not built on
 * @stellar/stellar-base because that package's browser build adds ~600 kB to the renderer and its types pull
 * Node's globals (Buffer, process) into the renderer's type check; electron/core/domain/strkey.test.ts checks
 * that this agrees with StrKey.isValidEd25519PublicKey / isValidContract on valid and corrupted keys.
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

function crc16Xmodem(bytes: Uint8Array): number {
  let crc = 0;
  for (const b of bytes) {
    crc ^= b << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

function isStrkey(s: unknown, version: number): boolean {
  // The first character is the version byte's top five bits: a key of another kind is refused before decoding.
  if (typeof s !== 'string' || s.length !== 56 || s[0] !== ALPHABET[version >> 3]) return false;
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

/**
 * Who can be on either side of a sale (sinking_txs.funder, sinking_txs.recipient): an account (G…) or, since
 * sales can go through Stellarcarbon's Soroban contract, a contract (C…). Distribution payments stay G… only.
 */
export function isAccountOrContractId(s: unknown): s is string {
  return isAccountId(s) || isContractId(s);
}

export type StrkeyKind = 'account' | 'contract';

/** Which kind of address a valid strkey is; null for anything else (wrong version, length or checksum). */
export function strkeyKind(s: unknown): StrkeyKind | null {
  if (isAccountId(s)) return 'account';
  if (isContractId(s)) return 'contract';
  return null;
}

const KIND_TEXT: Record<StrkeyKind, { a: string; name: string; letter: string }> = {
  account: { a: 'an', name: 'account id', letter: 'G' },
  contract: { a: 'a', name: 'contract id', letter: 'C' },
};
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Null when `value` is a valid strkey of one of `kinds`, else what is wrong, in one line: the filter bar shows it
 * under the field and the API schemas give it as the reason of a BAD_INPUT (after the field's name).
 */
export function addressProblem(value: string, kinds: readonly StrkeyKind[]): string | null {
  const kind = strkeyKind(value);
  if (kind !== null && kinds.includes(kind)) return null;
  const texts = kinds.map((k) => KIND_TEXT[k]);
  const meant = texts.find((t) => value.startsWith(t.letter));
  if (meant === undefined) {
    const starts = texts.map((t, i) => `${t.a} ${t.name} ${i === 0 ? 'starts with' : 'with'} ${t.letter}`);
    return capitalised(starts.join(', '));
  }
  if (value.length !== 56) return capitalised(`${meant.a} ${meant.name} has 56 characters (this has ${value.length})`);
  if (!/^[A-Z2-7]+$/.test(value)) return capitalised(`${meant.a} ${meant.name} holds only the capital letters A–Z and the digits 2–7`);
  return `Not a valid ${meant.name} (bad checksum)`;
}
