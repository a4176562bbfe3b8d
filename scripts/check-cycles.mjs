// Fails when the TypeScript sources import each other in a cycle (type-only imports count too: a cycle of types is
// still two modules that cannot be understood apart). Relative imports only; packages cannot form our cycles.
// Usage: node scripts/check-cycles.mjs [root …]   (default: electron shared renderer)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const roots = (process.argv.length > 2 ? process.argv.slice(2) : ['electron', 'shared', 'renderer']).map((r) => path.resolve(repo, r));
const SKIP = new Set(['node_modules', 'build', 'dist', '__snapshots__']);

function sourceFiles(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP.has(e.name)) sourceFiles(p, out);
    } else if (/\.(ts|tsx|mts|cts)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** The file a relative specifier names: `./x.js` is `./x.ts` under NodeNext; bare `./x` may be x.ts(x) or x/index.ts. */
function resolve(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  const stem = base.replace(/\.(c|m)?jsx?$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, `${stem}.cts`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')];
  return candidates.find((c) => /\.(ts|tsx|mts|cts)$/.test(c) && fs.existsSync(c) && fs.statSync(c).isFile());
}

const files = roots.flatMap((r) => sourceFiles(r));
const graph = new Map();
for (const file of files) {
  const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  const deps = new Set();
  for (const imp of info.importedFiles) {
    if (!imp.fileName.startsWith('.')) continue;
    const target = resolve(file, imp.fileName);
    if (target) deps.add(target);
  }
  graph.set(file, [...deps]);
}

// Tarjan's strongly connected components: every component of more than one file (or a file importing itself) is a cycle.
let index = 0;
const idx = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const components = [];
function strongConnect(v) {
  idx.set(v, index);
  low.set(v, index++);
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!graph.has(w)) continue;
    if (!idx.has(w)) {
      strongConnect(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const comp = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      comp.push(w);
    } while (w !== v);
    if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(comp);
  }
}
for (const f of graph.keys()) if (!idx.has(f)) strongConnect(f);

/** One concrete loop through a component, for the message: a shortest path from its first file back to itself. */
function loopThrough(comp) {
  const inComp = new Set(comp);
  const start = [...comp].sort()[0];
  const prev = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const v = queue.shift();
    for (const w of graph.get(v) ?? []) {
      if (!inComp.has(w)) continue;
      if (w === start) {
        const loop = [start];
        for (let u = v; u !== start; u = prev.get(u)) loop.splice(1, 0, u);
        return [...loop, start];
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

const rel = (f) => path.relative(repo, f);
if (components.length > 0) {
  console.error(`Import cycles (${components.length}):`);
  for (const comp of components) {
    console.error(`  ${loopThrough(comp).map(rel).join(' → ')}`);
    if (comp.length > 2) console.error(`    (${comp.length} files in this cycle: ${comp.map(rel).sort().join(', ')})`);
  }
  process.exit(1);
}
console.log(`No import cycles among ${files.length} files.`);
