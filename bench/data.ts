import fs from 'node:fs';
import path from 'node:path';
import { FULL_SIZES, generateSyntheticDb, QUICK_SIZES, TENTH_SIZES, type SyntheticFacts, type SyntheticSizes } from '../electron/testkit/synthetic/generate.js';

export const DATA_DIR = path.join(__dirname, 'data');
/** Bump when the generator changes what it writes, so stale databases are rebuilt. */
const GENERATOR_VERSION = 1;

/**
 * The benchmark database for these sizes: generated once into bench/data/ (gitignored), reused afterwards.
 * A pristine copy is kept; runs that write (catch-up, migrations adding indexes) never touch the cached one's facts.
 */
export function benchDatabase(name: string, sizes: SyntheticSizes, log: (m: string) => void): { file: string; facts: SyntheticFacts; generatedMs: number | null } {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const file = path.join(DATA_DIR, `${name}.sqlite3`);
  const factsFile = `${file}.facts.json`;
  if (fs.existsSync(file) && fs.existsSync(factsFile)) {
    const saved = JSON.parse(fs.readFileSync(factsFile, 'utf8')) as { version: number; facts: SyntheticFacts; generatedMs?: number };
    if (saved.version === GENERATOR_VERSION && JSON.stringify(saved.facts.sizes) === JSON.stringify(sizes)) {
      return { file, facts: saved.facts, generatedMs: saved.generatedMs ?? null };
    }
  }
  for (const suffix of ['', '-wal', '-shm', '.facts.json']) fs.rmSync(file + suffix, { force: true });
  log(`generating ${file} (${sizes.sales} sales, ${sizes.retirements} retirements, ${sizes.changes} change-log rows)…`);
  const t0 = performance.now();
  const facts = generateSyntheticDb(file, sizes, (m) => log(`  ${m}`));
  const generatedMs = performance.now() - t0;
  fs.writeFileSync(factsFile, JSON.stringify({ version: GENERATOR_VERSION, facts, generatedMs }, null, 2));
  return { file, facts, generatedMs };
}

/** The databases by name: full (1M sales), tenth (100k: the growth section's other size), quick (50k smoke runs). */
export const BENCH_SIZES = { full: FULL_SIZES, tenth: TENTH_SIZES, quick: QUICK_SIZES } as const;

/** CLI: `npx tsx bench/data.ts [--quick | --tenth]` generates the database ahead of a run. */
if (require.main === module) {
  const name = process.argv.includes('--quick') ? 'quick' : process.argv.includes('--tenth') ? 'tenth' : 'full';
  const r = benchDatabase(name, BENCH_SIZES[name], (m) => console.log(m));
  console.log(`${r.file} ready${r.generatedMs === null ? ' (cached)' : ` in ${(r.generatedMs / 1000).toFixed(1)} s`}`);
}
