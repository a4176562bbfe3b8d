import type { Command } from 'commander';
import { hexHash } from '../../shared/api/fields.js';
import { runProofBundle } from '../core/proof/bundle.js';
import { checkField, writeOut } from './cliArgs.js';
import { withEngine } from './context.js';
import { KEY_FILE_HELP } from './signCommands.js';

/** `proof HASH --out DIR`: a folder that re-checks one sale offline (`node DIR/check.mjs`). Asks Horizon and Verra. */
export function registerProofCommands(program: Command): void {
  program
    .command('proof')
    .description('write a proof bundle of one sale: raw Horizon and Verra answers, its audit entries and chain, README.md and check.mjs')
    .argument('<hash>', 'the sale (sinking tx) hash', (v: string) => checkField(hexHash, v))
    .option('--out <dir>', 'a new or empty folder (default: proofs/sale-<hash>-<time> beside the database)')
    .option('--key-file <file>', KEY_FILE_HELP)
    .action(async (hash: string, opts: { out?: string }, cmd: Command) => {
      const r = await withEngine(cmd, (engine) => runProofBundle(engine, { hash, outDir: opts.out, via: 'cli' }));
      for (const f of r.files) await writeOut(`${f.path}  sha256 ${f.sha256}\n`);
      for (const s of r.signatureFiles ?? []) await writeOut(`${s}\n`);
      await writeOut(`proof bundle ${r.dir}  (audit head seq ${r.head?.seq} ${r.head?.hash})\ncheck it with: node ${r.dir}/check.mjs\n`);
    });
}
