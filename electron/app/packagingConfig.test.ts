import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_REPO } from './projectLinks.js';

/**
 * electron-builder.yml is never run here (packaging downloads Electron): it is parsed and checked against
 * electron-builder's own JSON schema, with the YAML parser and validator electron-builder itself uses.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'));
const yaml = builderRequire('js-yaml') as { load: (text: string) => unknown };
type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
const Ajv = builderRequire('ajv') as new (opts: object) => { compile: (schema: unknown) => Validate };
const validate = new Ajv({ allErrors: true, strict: false }).compile(builderRequire('./scheme.json'));

interface BuilderConfig {
  publish: { provider: string; owner: string; repo: string; releaseType?: string }[];
  mac: { hardenedRuntime?: boolean; notarize?: boolean };
  win: { verifyUpdateCodeSignature?: boolean; signtoolOptions?: { publisherName?: string[] } };
  files: string[];
}
const load = (): BuilderConfig => yaml.load(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's schema (a misspelt key fails)", () => {
    const config = load();
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    const misspelt = { ...config, win: { ...config.win, verifyUpdateCodeSignatur: true } };
    expect(validate(misspelt)).toBe(false);
  });

  it("publishes to the project's GitHub releases, the repository Help links to", () => {
    const { publish } = load();
    expect(publish).toEqual([expect.objectContaining({ provider: 'github', owner: PROJECT_REPO.owner, repo: PROJECT_REPO.repo, releaseType: 'release' })]);
  });

  it('asks for signed updates: Windows checks the publisher, macOS is hardened and notarized', () => {
    const { mac, win } = load();
    expect(win.verifyUpdateCodeSignature).toBe(true);
    expect(win.signtoolOptions?.publisherName?.length).toBeGreaterThan(0);
    expect(mac).toMatchObject({ hardenedRuntime: true, notarize: true });
  });

  it('ships no test helpers, tests or source maps', () => {
    expect(load().files).toEqual(expect.arrayContaining(['!**/*.map', '!build/node/**/*.test.js', '!build/node/electron/testkit/**']));
  });
});
