import fs from 'node:fs';
import path from 'node:path';
import { Keypair } from '@stellar/stellar-base';
import { describe, expect, it } from 'vitest';
import { seededEngine } from '../../testkit/auditTestDb.js';
import { OTHER_SECRET, SEP53_PUBLIC, SEP53_SECRET, tempFolder } from '../../testkit/signingKeys.js';
import { chainEntryAt, chainHead, listOperations } from '../audit/queries.js';
import { verifyMessage } from './sep53.js';
import { parseSignatureFile, readSignatureFile, signatureMessage, SIGNATURE_FORMAT } from './signatureFile.js';
import { runSign, signFiles } from './signFiles.js';
import { verifySignature } from './verifySignature.js';

const KEY = Keypair.fromSecret(SEP53_SECRET);
const OTHER = Keypair.fromSecret(OTHER_SECRET);

function aFile(text = 'tx,amount\nabc,1.5\n'): string {
  const file = path.join(tempFolder(), 'export.csv');
  fs.writeFileSync(file, text);
  return file;
}

describe('signing a file', () => {
  it('writes FILE.sig.json with the exact message, which verifies with the G-address alone', async () => {
    const engine = seededEngine();
    const file = aFile();
    const [signed] = await runSign(engine, { files: [file], keypair: KEY, now: new Date('2026-12-01T10:00:00Z') });
    const sig = JSON.parse(fs.readFileSync(`${file}.sig.json`, 'utf8')) as Record<string, string>;
    expect(Object.keys(sig)).toEqual(['format', 'message', 'public_key', 'signature']);
    // The head at signing time: the sign operation's start event (its finish comes after).
    const head = chainEntryAt(engine.reader(), listOperations(engine.reader(), { kind: 'sign' }).rows[0]!.seq)!;
    expect(sig).toMatchObject({ format: SIGNATURE_FORMAT, public_key: SEP53_PUBLIC });
    expect(sig.message).toBe(
      `Stellarcarbon Audit Explorer signature\nsha256: ${signed!.sha256}\naudit-head: ${head.seq} ${head.hash}\nsigned-at: 2026-12-01T10:00:00.000Z\n`,
    );
    expect(verifyMessage(SEP53_PUBLIC, sig.message!, sig.signature!)).toBe(true);
    const check = await verifySignature(engine.reader(), file);
    expect(check).toMatchObject({ ok: true, publicKey: SEP53_PUBLIC, head, signedAt: '2026-12-01T10:00:00.000Z', problems: [] });
  });

  it('records a sign operation with each file, its sha256 and the public key, never the secret', async () => {
    const engine = seededEngine();
    const file = aFile();
    const [signed] = await runSign(engine, { files: [file], keypair: KEY });
    const [op] = listOperations(engine.reader(), { kind: 'sign' }).rows;
    expect(op?.status).toBe('ok');
    expect(JSON.parse(op!.params)).toEqual({ files: [{ file, sha256: signed!.sha256 }], publicKey: SEP53_PUBLIC });
    expect(JSON.stringify(op)).not.toContain(SEP53_SECRET);
    // The head signed is the one that holds the sign operation's own start event.
    expect(readSignatureFile(`${file}.sig.json`).claim.head.seq).toBe(op!.seq);
  });

  it('refuses a file changed after signing, naming both hashes', async () => {
    const engine = seededEngine();
    const file = aFile();
    const [signed] = await runSign(engine, { files: [file], keypair: KEY });
    fs.appendFileSync(file, 'def,2\n');
    const check = await verifySignature(engine.reader(), file);
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([expect.stringMatching(new RegExp(`^the file was changed after signing: its sha256 is [0-9a-f]{64}, the signature is of ${signed!.sha256}$`))]);
  });

  it('refuses a signature by another key than the one named, and a signer other than the expected one', async () => {
    const engine = seededEngine();
    const file = aFile();
    await runSign(engine, { files: [file], keypair: OTHER });
    const sigPath = `${file}.sig.json`;
    const sig = JSON.parse(fs.readFileSync(sigPath, 'utf8')) as Record<string, string>;
    fs.writeFileSync(sigPath, JSON.stringify({ ...sig, public_key: SEP53_PUBLIC }));
    const forged = await verifySignature(engine.reader(), file);
    expect(forged.problems).toEqual([`the signature is not ${SEP53_PUBLIC}'s signature of the message (the message was altered or signed with another key)`]);
    fs.writeFileSync(sigPath, JSON.stringify(sig));
    const other = await verifySignature(engine.reader(), file, { publicKey: SEP53_PUBLIC });
    expect(other.problems).toEqual([`signed by ${OTHER.publicKey()}, expected ${SEP53_PUBLIC}`]);
  });

  it("refuses an audit head that is not in this database's chain: a seq it lacks, or the seq with another hash", async () => {
    const signedOn = seededEngine();
    const file = aFile();
    await runSign(signedOn, { files: [file], keypair: KEY });
    const claim = readSignatureFile(`${file}.sig.json`).claim;
    const other = seededEngine();
    const otherHead = chainHead(other.reader())!;
    const shorter = await verifySignature(other.reader(), file);
    expect(otherHead.seq).toBeLessThan(claim.head.seq);
    expect(shorter.problems).toEqual([`the audit head seq ${claim.head.seq} is not in this database's chain (it ends at seq ${otherHead.seq}): check it against the database the file was signed from, or a backup of it`]);
    await runSign(other, { files: [aFile()], keypair: KEY });
    const differs = await verifySignature(other.reader(), file);
    expect(differs.problems).toEqual([expect.stringMatching(new RegExp(`^the audit head is not in this database's chain: seq ${claim.head.seq} has hash [0-9a-f]{64} here, the signature names ${claim.head.hash}$`))]);
  });

  it('refuses a malformed .sig.json with the reason', () => {
    const where = 'x.sig.json';
    const message = signatureMessage({ sha256: 'a'.repeat(64), head: { seq: 3, hash: 'b'.repeat(64) }, signedAt: '2026-12-01T10:00:00.000Z' });
    const good = { format: SIGNATURE_FORMAT, message, public_key: SEP53_PUBLIC, signature: 'A'.repeat(86) + '==' };
    expect(parseSignatureFile(JSON.stringify(good), where).claim.head).toEqual({ seq: 3, hash: 'b'.repeat(64) });
    expect(() => parseSignatureFile('{', where)).toThrow('x.sig.json is not JSON.');
    expect(() => parseSignatureFile(JSON.stringify({ ...good, format: 'other/1' }), where)).toThrow(/not a sc-audit-explorer-signature\/1 file: format/);
    expect(() => parseSignatureFile(JSON.stringify({ ...good, public_key: SEP53_SECRET }), where)).toThrow(/public_key: not a Stellar public key/);
    expect(() => parseSignatureFile(JSON.stringify({ ...good, signature: 'abc' }), where)).toThrow(/signature: not a base64 ed25519 signature/);
    expect(() => parseSignatureFile(JSON.stringify({ ...good, message: message.trimEnd() }), where)).toThrow(/the message is not in the sc-audit-explorer-signature\/1 format/);
    expect(() => parseSignatureFile(JSON.stringify({ ...good, extra: 1 }), where)).toThrow(/not a sc-audit-explorer-signature\/1 file/);
  });

  it('signs nothing when the audit log is empty, and names a missing file', async () => {
    await expect(signFiles([aFile()], KEY, null)).rejects.toThrow(/The audit log is empty/);
    const missing = path.join(tempFolder(), 'missing.csv');
    await expect(runSign(seededEngine(), { files: [missing], keypair: KEY })).rejects.toThrow(`No file at ${missing}.`);
  });
});
