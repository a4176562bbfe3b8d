import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../api/handlers.js';
import { seed } from '../../testkit/auditTestDb.js';
import { keyFile, SEP53_PUBLIC, SEP53_SECRET, tempFolder } from '../../testkit/signingKeys.js';
import { listOperations } from '../audit/queries.js';
import { Engine } from '../engine.js';
import { exportToFile } from '../export/exportToFile.js';
import { keyFileStore } from './signingKey.js';
import { verifySignature } from './verifySignature.js';

function engineWithKey(file: string | null): Engine {
  const engine = new Engine(':memory:', { signingKeys: keyFileStore(file) });
  seed(engine.writer());
  return engine;
}

describe('signed exports', () => {
  it('export.toFile with sign writes FILE.sig.json that verifies, and the export operation names it', async () => {
    const engine = engineWithKey(keyFile());
    const file = path.join(tempFolder(), 'sinks.csv');
    const r = await exportToFile(engine, { view: 'sinkingTxs', filters: { order: 'desc' }, format: 'csv', path: file, sign: true });
    expect(r.signatureFile).toBe(`${file}.sig.json`);
    expect(await verifySignature(engine.reader(), file)).toMatchObject({ ok: true, publicKey: SEP53_PUBLIC });
    const [op] = listOperations(engine.reader(), { kind: 'export' }).rows;
    expect(JSON.parse(op!.result!)).toMatchObject({ signedBy: SEP53_PUBLIC, signatureFiles: [`${file}.sig.json`] });
  });

  it('without a key, sign is refused before anything is written; unsigned exports are as before', async () => {
    const engine = engineWithKey(null);
    const file = path.join(tempFolder(), 'sinks.csv');
    await expect(exportToFile(engine, { view: 'sinkingTxs', filters: { order: 'desc' }, format: 'csv', path: file, sign: true })).rejects.toThrow(/No signing key is configured/);
    expect(fs.existsSync(file)).toBe(false);
    const r = await exportToFile(engine, { view: 'sinkingTxs', filters: { order: 'desc' }, format: 'csv', path: file });
    expect(r.signatureFile).toBeUndefined();
    expect(fs.existsSync(`${file}.sig.json`)).toBe(false);
  });

  it('the signing handlers answer from the engine key store', async () => {
    const kf = keyFile();
    const handlers = createHandlers(engineWithKey(kf));
    expect(await handlers['signing.status']({}, { via: 'test' })).toMatchObject({ configured: true, publicKey: SEP53_PUBLIC, source: 'keyFile', keyFile: kf, canStore: false });
    await expect(Promise.resolve().then(() => handlers['signing.clearKey']({}, { via: 'test' }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('setting a key is a settings-change operation naming the public key, never the secret', async () => {
    const engine = engineWithKey(null);
    const handlers = createHandlers(engine);
    await expect(Promise.resolve().then(() => handlers['signing.setKey']({ secret: SEP53_SECRET }, { via: 'test' }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const [op] = listOperations(engine.reader(), { kind: 'settings-change' }).rows;
    expect(op).toMatchObject({ status: 'failed', params: JSON.stringify({ signingKey: { set: SEP53_PUBLIC } }) });
    expect(JSON.stringify(op)).not.toContain(SEP53_SECRET);
  });
});
