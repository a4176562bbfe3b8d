import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from './data.js';

/**
 * The node side as it ships: the package's `bin` (build/node/electron/cli.js) and the Electron main process run the
 * tsc build, not the TypeScript sources. Under tsx every process (and every worker thread, which registers tsx
 * again) pays its loader: ~1.3 s of start-up and ~28 MB of RSS that a user never pays. So the export bench
 * compiles the same tsconfig.node.json into bench/data/app/node (never build/, which others build and test
 * from), with bench/exportChild.ts beside it, in build/node's layout: splitExport's workerEntry finds
 * exportWorker.js next to it, as in the package. Compiled once per bench process.
 */
export interface NodeBuild {
  /** `node <cli> --db DB view …`: the CLI. */
  cli: string;
  /** `node <exportChild> DB OUT`: the app's export.toFile in a process of its own. */
  exportChild: string;
}

let built: NodeBuild | null = null;

export function nodeBuild(log: (m: string) => void): NodeBuild {
  if (built) return built;
  const root = path.join(__dirname, '..');
  const appDir = path.join(DATA_DIR, 'app');
  const outDir = path.join(appDir, 'node');
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.rmSync(path.join(appDir, 'node.tsbuildinfo'), { force: true });
  fs.mkdirSync(appDir, { recursive: true });
  const rel = (p: string) => path.relative(appDir, path.join(root, p));
  const config = {
    extends: rel('tsconfig.node.json'),
    // Not incremental: a full emit each time, so nothing left in the folder from before is run.
    compilerOptions: { outDir: 'node', rootDir: rel('.'), sourceMap: false },
    include: [rel('electron/**/*.ts'), rel('shared/**/*.ts'), rel('bench/exportChild.ts')],
    exclude: [rel('node_modules'), rel('build'), rel('electron/**/*.test.ts'), rel('electron/testkit/**')],
  };
  const configFile = path.join(appDir, 'tsconfig.bench.json');
  fs.writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
  log('  compiling the node build (tsc) into bench/data/app/node…');
  execFileSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', configFile], { cwd: root, stdio: 'inherit' });
  const out = { cli: path.join(outDir, 'electron', 'cli.js'), exportChild: path.join(outDir, 'bench', 'exportChild.js') };
  for (const f of [out.cli, out.exportChild, path.join(outDir, 'electron', 'core', 'export', 'exportWorker.js')]) {
    if (!fs.existsSync(f)) throw new Error(`the node build has no ${path.relative(outDir, f)}`);
  }
  built = out;
  return out;
}
