#!/usr/bin/env node
// Runs @doyensec/electronegativity on the app's runtime files (main, preload, renderer) and fails when it reports
// a finding that accepted.json does not explain. The tool itself always exits 0, so the gate reads its CSV.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const build = path.join(repo, 'build');
const tool = path.join(here, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
const electronVersion = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')).devDependencies.electron.replace(/^[^\d]*/, '');

for (const need of [tool, path.join(build, 'node', 'electron', 'app', 'main.js'), path.join(build, 'preload', 'preload.cjs'), path.join(build, 'renderer', 'index.html')]) {
  if (!fs.existsSync(need)) {
    console.error(`electronegativity gate: missing ${path.relative(repo, need)} (run npm ci in scripts/electronegativity and npm run build)`);
    process.exit(1);
  }
}

// Stage only what ships and runs in Electron, so compiled tests and the CLI do not blur the findings.
const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-eneg-'));
fs.cpSync(path.join(build, 'node', 'electron', 'app'), path.join(stage, 'main'), { recursive: true, filter: (f) => !f.endsWith('.map') && !f.endsWith('.test.js') });
fs.cpSync(path.join(build, 'preload'), path.join(stage, 'preload'), { recursive: true });
fs.cpSync(path.join(build, 'renderer'), path.join(stage, 'renderer'), { recursive: true, filter: (f) => !f.endsWith('.map') });
fs.copyFileSync(path.join(repo, 'package.json'), path.join(stage, 'package.json'));

const csvFile = path.join(stage, 'findings.csv');
execFileSync(
  process.execPath,
  ['-r', path.join(here, 'offline.cjs'), tool, '-i', stage, '-e', electronVersion, '-x', 'AvailableSecurityFixesGlobalCheck', '-o', csvFile, '-r', '-v', 'false'],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
if (!fs.existsSync(csvFile)) {
  console.error('electronegativity gate: the tool wrote no CSV');
  process.exit(1);
}

// The tool's CSV does not quote multi-line samples (a CSP meta tag), so findings are located by the wiki URL
// that ends each one, and the file by the quoted cell that follows the confidence.
const text = fs.readFileSync(csvFile, 'utf8');
const findings = [];
const re = /https:\/\/github\.com\/doyensec\/electronegativity\/wiki\/([A-Z_]+)/g;
let start = text.indexOf('\n') + 1;
for (let m; (m = re.exec(text)); ) {
  const record = text.slice(start, re.lastIndex);
  start = re.lastIndex + 1;
  const file = /^[A-Z_]+,"[A-Z]+","[A-Z]+","([^"]*)"/.exec(record.trim())?.[1] ?? '(unknown)';
  findings.push({ check: m[1], file, record: record.trim().replace(/\s+/g, ' ').slice(0, 240) });
}

const accepted = JSON.parse(fs.readFileSync(path.join(here, 'accepted.json'), 'utf8'));
const unexplained = findings.filter((f) => !accepted.some((a) => a.check === f.check && (a.file === '*' || a.file === f.file)));
console.log(`electronegativity: ${findings.length} findings, ${findings.length - unexplained.length} explained in scripts/electronegativity/accepted.json`);
for (const f of unexplained) console.error(`  UNEXPLAINED ${f.check} in ${f.file}: ${f.record}`);
fs.rmSync(stage, { recursive: true, force: true });
process.exit(unexplained.length ? 1 : 0);
