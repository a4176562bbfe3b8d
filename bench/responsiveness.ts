import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Engine } from '../electron/core/engine.js';
import type { SyntheticFacts } from '../electron/testkit/synthetic/generate.js';
import { startServe } from '../electron/serve.js';
import { sourceEnv, startFakeHorizon } from './catchUp.js';
import { DATA_DIR } from './data.js';
import { summarize } from './stats.js';

/**
 * Item 6: while a large export or a catch-up runs in `serve` (the same handlers as Electron's IPC), another process
 * calls a cheap API method every 25 ms and times each answer. Budget: p95 < 50 ms. The first page of the sinking
 * txs view is the probe (what the UI asks when the user clicks around).
 */
export const LATENCY_BUDGET_MS = 50;

export interface LatencyPhase {
  name: string;
  calls: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  budgeted: boolean;
  pass: boolean;
}

export interface ResponsivenessResult {
  probe: string;
  phases: LatencyPhase[];
}

const TSX = path.join(__dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
const PROBE = { method: 'views.sinkingTxs', params: { limit: 100 } };
const INTERVAL_MS = 25;

function startProbe(base: string, token: string): { child: ChildProcess; done: Promise<number[]> } {
  const child = spawn(process.execPath, [TSX, path.join(__dirname, 'probeChild.ts'), base, token, PROBE.method, JSON.stringify(PROBE.params), String(INTERVAL_MS), '600000'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  const done = new Promise<number[]>((resolve, reject) => {
    child.once('exit', () => {
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? '[]') as number[]);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  });
  return { child, done };
}

async function measure(name: string, base: string, token: string, budgeted: boolean, during: () => Promise<unknown>): Promise<LatencyPhase> {
  const probe = startProbe(base, token);
  await new Promise((r) => setTimeout(r, 1500)); // the probe's own start (tsx)
  await during();
  probe.child.stdin?.end();
  const lat = await probe.done;
  const t = summarize(lat.slice(1));
  return { name, calls: t.runs, medianMs: t.medianMs, p95Ms: t.p95Ms, maxMs: t.maxMs, budgeted, pass: !budgeted || t.p95Ms < LATENCY_BUDGET_MS };
}

async function api(base: string, token: string, method: string, params: unknown): Promise<unknown> {
  const res = await fetch(new URL(`/api/${method}`, base), { method: 'POST', headers: { 'content-type': 'application/json', 'x-sc-token': token }, body: JSON.stringify(params) });
  const body = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value;
}

export async function benchResponsiveness(db: string, facts: SyntheticFacts, quick: boolean, log: (m: string) => void): Promise<ResponsivenessResult> {
  const token = 'bench-token-0123456789abcdef';
  const staticDir = fs.mkdtempSync(path.join(DATA_DIR, 'static-'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>');
  const phases: LatencyPhase[] = [];

  // Export phase: the big database.
  {
    const engine = new Engine(db);
    const server = await startServe(engine, { port: 0, staticDir, token });
    const base = new URL(server.url).origin;
    try {
      phases.push(await measure('idle (baseline)', base, token, false, () => new Promise((r) => setTimeout(r, 3000))));
      const out = path.join(DATA_DIR, 'export-responsiveness.csv');
      fs.rmSync(out, { force: true });
      phases.push(
        await measure(`CSV export of ${facts.saleCount.toLocaleString('en')} sinking txs`, base, token, true, () =>
          api(base, token, 'export.toFile', { view: 'sinkingTxs', format: 'csv', filters: { order: 'desc' }, path: out }),
        ),
      );
      fs.rmSync(out, { force: true });
    } finally {
      await server.close();
      engine.close();
    }
  }

  // Catch-up phase: a fresh database loading N sales from the fake Horizon (its own process).
  {
    const sales = quick ? 5_000 : 50_000;
    const horizon = await startFakeHorizon(sales);
    Object.assign(process.env, sourceEnv(horizon.match[1] as string));
    const file = path.join(DATA_DIR, 'responsiveness-catchup.sqlite3');
    for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
    const engine = new Engine(file);
    engine.writer();
    const server = await startServe(engine, { port: 0, staticDir, token });
    const base = new URL(server.url).origin;
    try {
      phases.push(await measure(`catch-up of ${sales.toLocaleString('en')} sales`, base, token, true, () => api(base, token, 'sync.catchUp', { fresh: true })));
    } finally {
      await server.close();
      engine.close();
      await horizon.stop();
    }
  }
  fs.rmSync(staticDir, { recursive: true, force: true });
  for (const p of phases) log(`  ${p.name}: p50 ${p.medianMs} ms, p95 ${p.p95Ms} ms, max ${p.maxMs} ms (${p.calls} calls)`);
  return { probe: `${PROBE.method} ${JSON.stringify(PROBE.params)} from another process, one call at a time, every ${INTERVAL_MS} ms`, phases };
}
