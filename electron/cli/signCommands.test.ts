import fs from 'node:fs';
import path from 'node:path';
import { Keypair } from '@stellar/stellar-base';
import { afterEach, describe, expect, it } from 'vitest';
import { seededDb, tempDbFile } from '../testkit/auditTestDb.js';
import { runCliCaptured } from '../testkit/cliHarness.js';
import { keyFile, OTHER_SECRET, SEP53_PUBLIC, SEP53_SECRET, tempFolder } from '../testkit/signingKeys.js';

function seededFile(): string {
  const file = tempDbFile();
  seededDb(file).close();
  return file;
}

function aFile(text = 'hello\n'): string {
  const file = path.join(tempFolder(), 'report.md');
  fs.writeFileSync(file, text);
  return file;
}

const savedEnv = process.env.SC_SIGNING_KEY_FILE;
afterEach(() => {
  if (savedEnv === undefined) delete process.env.SC_SIGNING_KEY_FILE;
  else process.env.SC_SIGNING_KEY_FILE = savedEnv;
});

describe('sign and verify-signature', () => {
  it('signs with --key-file and verifies: exit 0, the signer and the head printed', async () => {
    const db = seededFile();
    const file = aFile();
    const signed = await runCliCaptured(['--db', db, 'sign', file, '--key-file', keyFile()]);
    expect(signed).toMatchObject({ code: 0, stderr: '' });
    expect(signed.stdout).toMatch(new RegExp(`^${file}\\.sig\\.json  sha256 [0-9a-f]{64}  signed by ${SEP53_PUBLIC}\\n$`));
    const checked = await runCliCaptured(['--db', db, 'verify-signature', file]);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(new RegExp(`signer:     ${SEP53_PUBLIC}\\naudit head: seq \\d+ [0-9a-f]{64}\\nsigned at:  \\S+Z\\nsignature: OK\\n$`));
    expect(signed.stdout + checked.stdout + checked.stderr).not.toContain(SEP53_SECRET);
  });

  it('reads SC_SIGNING_KEY_FILE, and --signature names another signature file', async () => {
    const db = seededFile();
    const file = aFile();
    process.env.SC_SIGNING_KEY_FILE = keyFile();
    expect((await runCliCaptured(['--db', db, 'sign', file])).code).toBe(0);
    const moved = path.join(tempFolder(), 'elsewhere.sig.json');
    fs.renameSync(`${file}.sig.json`, moved);
    expect((await runCliCaptured(['--db', db, 'verify-signature', file, '--signature', moved])).code).toBe(0);
  });

  it('exit 1 with the reason: a tampered file, another signer than expected, a head not in the chain, a malformed signature file', async () => {
    const db = seededFile();
    const file = aFile();
    await runCliCaptured(['--db', db, 'sign', file, '--key-file', keyFile()]);
    const other = Keypair.fromSecret(OTHER_SECRET).publicKey();
    const wrongKey = await runCliCaptured(['--db', db, 'verify-signature', file, '--public-key', other]);
    expect(wrongKey).toMatchObject({ code: 1, stderr: `error: the signature does not hold: signed by ${SEP53_PUBLIC}, expected ${other}\n` });
    const otherDb = await runCliCaptured(['--db', seededFile(), 'verify-signature', file]);
    expect(otherDb.code).toBe(1);
    expect(otherDb.stderr).toMatch(/^error: the signature does not hold: the audit head seq \d+ is not in this database's chain/);
    fs.appendFileSync(file, 'more\n');
    const tampered = await runCliCaptured(['--db', db, 'verify-signature', file]);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toMatch(/^error: the signature does not hold: the file was changed after signing/);
    fs.writeFileSync(`${file}.sig.json`, '{"format":"sc-audit-explorer-signature/1"}');
    const malformed = await runCliCaptured(['--db', db, 'verify-signature', file]);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toMatch(/^error: the signature does not hold: .*\.sig\.json is not a sc-audit-explorer-signature\/1 file: message/);
  });

  it('exit 2 for bad usage: no key, a missing key file, a public key as the key, a missing file or signature', async () => {
    delete process.env.SC_SIGNING_KEY_FILE;
    const db = seededFile();
    const file = aFile();
    expect(await runCliCaptured(['--db', db, 'sign', file])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: No signing key is configured/) });
    const gone = path.join(tempFolder(), 'gone.key');
    expect(await runCliCaptured(['--db', db, 'sign', file, '--key-file', gone])).toMatchObject({ code: 2, stderr: `error: The signing key file ${gone} does not exist.\n` });
    expect((await runCliCaptured(['--db', db, 'sign', file, '--key-file', keyFile(SEP53_PUBLIC)])).stderr).toMatch(/holds a public key/);
    expect(await runCliCaptured(['--db', db, 'sign', `${file}.nope`, '--key-file', keyFile()])).toMatchObject({ code: 2, stderr: `error: No file at ${file}.nope.\n` });
    expect(await runCliCaptured(['--db', db, 'verify-signature', file])).toMatchObject({ code: 2, stderr: `error: No signature file at ${file}.sig.json.\n` });
    expect((await runCliCaptured(['--db', db, 'verify-signature', file, '--public-key', 'GNOPE'])).code).toBe(2);
  });

  it('view … --out FILE --sign writes the file and its signature; --sign without --out is refused', async () => {
    const db = seededFile();
    const out = path.join(tempFolder(), 'sink.csv');
    const r = await runCliCaptured(['--db', db, 'view', 'sink', '-f', 'csv', '--out', out, '--sign', '--key-file', keyFile()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^hash,/);
    expect((await runCliCaptured(['--db', db, 'verify-signature', out])).code).toBe(0);
    const stats = path.join(tempFolder(), 'stats.json');
    expect((await runCliCaptured(['--db', db, 'view', 'stats', '-f', 'json', '--out', stats])).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(stats, 'utf8'))).toHaveProperty('carbon_sunk');
    expect(fs.existsSync(`${stats}.sig.json`)).toBe(false);
    expect(await runCliCaptured(['--db', db, 'view', 'sink', '-f', 'csv', '--sign', '--key-file', keyFile()])).toMatchObject({
      code: 2,
      stderr: 'error: --sign needs --out FILE: the signature is written next to a file (FILE.sig.json), not to stdout.\n',
    });
  });

  it('report signs each file it writes when a key is configured', async () => {
    const db = seededFile();
    const dir = tempFolder();
    const r = await runCliCaptured(['--db', db, 'report', '--from', '2026-11-30', '--to', '2026-12-01', '--out', dir, '--key-file', keyFile()]);
    expect(r.code).toBe(0);
    // The auditor's report, and its appendix: two day files and the summary.
    const appendix = path.join(dir, 'operations-2026-11-30_2026-12-01');
    const mds = [...fs.readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => path.join(dir, f)), ...fs.readdirSync(appendix).filter((f) => f.endsWith('.md')).map((f) => path.join(appendix, f))];
    expect(mds).toHaveLength(4);
    for (const md of mds) expect((await runCliCaptured(['--db', db, 'verify-signature', md])).code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.endsWith('.sig.json'))).toHaveLength(4);
  });
});
