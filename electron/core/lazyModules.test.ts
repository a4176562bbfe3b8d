import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const LAZY = ['@stellar/stellar-base', 'pg', 'htmlparser2', 'domutils'];

/** Runs `body` in a fresh Node process that loads the TypeScript sources (tsx), and returns the libraries it loaded. */
function librariesLoadedBy(body: string): string[] {
  const script = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); ${body};
    process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const files = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })) as string[];
  return LAZY.filter((lib) => files.some((f) => f.includes(`${path.sep}node_modules${path.sep}${lib.split('/').join(path.sep)}${path.sep}`)));
}

describe('libraries loaded on first use (lazyModules.ts)', () => {
  it('the CLI commands, the engine and every API handler load none of them at start-up', () => {
    const loaded = librariesLoadedBy(`require('./electron/cli/program.ts').buildProgram(); const { Engine } = require('./electron/core/engine.ts');
      require('./electron/core/api/handlers.ts').createHandlers(new Engine(':memory:'))`);
    expect(loaded).toEqual([]);
  }, 60_000);

  it('each loads when first used', () => {
    const loaded = librariesLoadedBy(`const m = require('./electron/core/lazyModules.ts');
      m.stellarBase().StrKey; m.pg().Client; m.htmlparser2().parseDocument; m.domutils().findOne`);
    expect(loaded).toEqual(LAZY);
  }, 60_000);
});
