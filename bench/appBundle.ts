import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from './data.js';

/**
 * The app as a user starts it: the CLI compiled to one JavaScript file (esbuild, as a packaged build would be;
 * better-sqlite3 stays a native module), and the renderer built by Vite. Both go under bench/data/, so the
 * benchmark never touches build/ while others build or test. The CLI finds the renderer at ../../build/renderer
 * relative to itself (electron/cli/serveCommand.ts rendererDir()).
 */
export function buildApp(log: (m: string) => void): { cli: string; rendererDir: string } {
  const root = path.join(__dirname, '..');
  const cli = path.join(DATA_DIR, 'app', 'cli', 'cli.cjs');
  const rendererDir = path.join(DATA_DIR, 'build', 'renderer');
  log('  bundling the CLI (esbuild) and building the renderer (vite)…');
  execFileSync(
    path.join(root, 'node_modules', '.bin', 'esbuild'),
    ['electron/cli.ts', '--bundle', '--platform=node', '--format=cjs', '--external:better-sqlite3', '--external:electron',
      // Loaded only to print a PDF (a dynamic import, lazy in the tsc build the package ships); bundled, its
      // 10 MB would be compiled at every start.
      '--external:playwright-core',
      `--outfile=${cli}`, '--log-level=warning'],
    { cwd: root, stdio: 'inherit' },
  );
  execFileSync(path.join(root, 'node_modules', '.bin', 'vite'), ['build', '--config', 'renderer/vite.config.mts', '--outDir', rendererDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) throw new Error('renderer build produced no index.html');
  return { cli, rendererDir };
}
