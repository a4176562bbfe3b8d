import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** Test support for proof bundles: run a bundle's check.mjs, copy a bundle, alter one of its files. */
export interface CheckRun {
  code: number | null;
  out: string;
}

/** `node check.mjs` in the bundle, from another folder (the script finds its files itself), without any network. */
export function runProofCheck(dir: string): CheckRun {
  const r = spawnSync(process.execPath, [path.join(dir, 'check.mjs')], { cwd: path.dirname(dir), encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

export function copyBundle(dir: string, to: string): string {
  fs.cpSync(dir, to, { recursive: true });
  return to;
}

interface Manifest {
  files: { path: string; kind: string; sha256: string; bytes: number }[];
  [k: string]: unknown;
}

export const readManifest = (dir: string): Manifest => JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;

/** Flips one byte of a file in the middle (the manifest is left as it was). */
export function flipByte(file: string): void {
  const data = fs.readFileSync(file);
  const i = Math.floor(data.length / 2);
  data[i] = (data[i] as number) ^ 0x01;
  fs.writeFileSync(file, data);
}

/**
 * Rewrites one JSON file with `edit` and updates its sha256 in the manifest (when it lists the file), as a forger
 * would: the recomputing steps, not the manifest, must then catch it.
 */
export function forgeJson(dir: string, rel: string, edit: (value: unknown) => void): void {
  const file = path.join(dir, rel);
  const value = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  edit(value);
  fs.writeFileSync(file, JSON.stringify(value));
  if (rel === 'manifest.json') return;
  const m = readManifest(dir);
  const listed = m.files.find((f) => f.path === rel);
  if (!listed) return;
  const data = fs.readFileSync(file);
  Object.assign(listed, { sha256: createHash('sha256').update(data).digest('hex'), bytes: data.length });
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m));
}

/** A loopback port nothing listens on (a source that is down): bound, then released. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
