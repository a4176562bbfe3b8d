import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Test support for signing: SEP-53's own example key and a second one, and key files holding them. */
export const SEP53_SECRET = 'SAKICEVQLYWGSOJS4WW7HZJWAHZVEEBS527LHK5V4MLJALYKICQCJXMW';
export const SEP53_PUBLIC = 'GBXFXNDLV4LSWA4VB7YIL5GBD7BVNR22SGBTDKMO2SBZZHDXSKZYCP7L';
/** Another key pair, for "signed with another key". */
export const OTHER_SECRET = 'SCZANGBA5YHTNYVVV4C3U252E2B6P6F5T3U6MM63WBSBZATAQI3EBTQ4';

/** A fresh temp folder for signed files. */
export function tempFolder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sc-sign-'));
}

/** A key file holding text (a seed, normally), readable only by its owner unless mode says otherwise. */
export function keyFile(text: string = SEP53_SECRET, mode = 0o600): string {
  const file = path.join(tempFolder(), 'signing.key');
  fs.writeFileSync(file, `${text}\n`, { mode });
  fs.chmodSync(file, mode);
  return file;
}
