/**
 * A profile of section 5's scroll run: the same scrolling and "Load more" as bench/browser.ts, with a Chromium
 * performance trace (devtools timeline: script, style, layout, paint, GC) and a V8 CPU profile, then a summary of
 * the long tasks (> 50 ms): what each was made of, and the JavaScript functions (mapped back to the sources) that
 * took their time. `npx tsx bench/profileScroll.ts [--db FILE] [--seconds 15] [--no-build]`; the raw trace and
 * profile go to bench/data/scroll-profile.{trace.json,cpuprofile} (open them in Chrome DevTools' Performance tab);
 * `--analyze` summarizes those again without a new run; `--playwright-trace` also records the bench's Playwright trace.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { buildApp } from './appBundle.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, LONG_TASK_OBSERVER, rowsPainted, scrollWhileLoading, startServe, stopServe } from './browser.js';
import { DATA_DIR } from './data.js';
import { sourceMapLookup } from './sourceMap.js';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: unknown };
}
interface CpuNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  parent?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: CpuNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

async function record(): Promise<{ trace: TraceEvent[]; profile: CpuProfile; longTasks: number[]; rowsLoaded: number }> {
  const { cli } = process.argv.includes('--no-build') ? { cli: path.join(DATA_DIR, 'app', 'cli', 'cli.cjs') } : buildApp(console.log);
  const db = arg('--db') ?? path.join(DATA_DIR, 'full.sqlite3');
  const seconds = Number(arg('--seconds') ?? 15);
  const serve = await startServe(cli, db);
  const browser = await chromium.launch({ ...(CHROMIUM_PATH ? { executablePath: CHROMIUM_PATH } : {}), args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addInitScript({ content: LONG_TASK_OBSERVER });
    // As in the bench's own run: Playwright's trace with screenshots (it adds work of its own to the page).
    if (process.argv.includes('--playwright-trace')) await context.tracing.start({ screenshots: true, snapshots: false });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(`${serve.url}#/sinks`);
    await rowsPainted(page);
    await page.waitForTimeout(500);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing'] });
    await cdp.send('Profiler.start');
    const scroll = await scrollWhileLoading(page, seconds);
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    const buf = await browser.stopTracing();
    const trace = (JSON.parse(buf.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
    fs.writeFileSync(path.join(DATA_DIR, 'scroll-profile.trace.json'), buf);
    fs.writeFileSync(path.join(DATA_DIR, 'scroll-profile.cpuprofile'), JSON.stringify(profile));
    await context.close();
    return { trace, profile, longTasks: scroll.longTasks, rowsLoaded: scroll.rowsLoaded };
  } finally {
    await browser.close();
    await stopServe(serve.child);
  }
}

/** Maps a bundle position back to "file:line" of the sources, through the bundle's source map. */
function sourceMapper(rendererDir: string): (url: string, line: number, col: number) => string {
  const maps = new Map<string, ReturnType<typeof sourceMapLookup>>();
  const assets = path.join(rendererDir, 'assets');
  for (const f of fs.existsSync(assets) ? fs.readdirSync(assets) : []) {
    if (f.endsWith('.js.map')) maps.set(f.replace(/\.map$/, ''), sourceMapLookup(JSON.parse(fs.readFileSync(path.join(assets, f), 'utf8')) as never));
  }
  return (url, line, col) => {
    const lookup = maps.get(url.split('/').pop() ?? '');
    if (!lookup) return url ? `${url.split('/').pop()}:${line + 1}` : '(native)';
    const p = lookup(line, col);
    const src = (p?.source ?? '?').replace(/^.*node_modules\//, '').replace(/^.*\/renderer\/src\//, '');
    return `${src}:${p?.line ?? '?'}${p?.name ? ` ${p.name}` : ''}`;
  };
}

function summarize(trace: TraceEvent[], profile: CpuProfile, where: (url: string, line: number, col: number) => string): void {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parents.set(c, n.id);
  const sampleTimes: number[] = [];
  let clock = profile.startTime;
  for (const d of profile.timeDeltas) sampleTimes.push((clock += d));
  /** The app's own functions (not node_modules) with the most samples between two times, inclusive ms. */
  const appFrames = (from: number, to: number): string => {
    const incl = new Map<string, number>();
    for (let i = 0; i < profile.samples.length; i++) {
      const at = sampleTimes[i] ?? 0;
      if (at < from || at > to) continue;
      const dt = (sampleTimes[i + 1] ?? at) - at;
      const seen = new Set<string>();
      for (let n = nodes.get(profile.samples[i] as number); n; n = nodes.get(parents.get(n.id) ?? -1)) {
        const l = where(n.callFrame.url, n.callFrame.lineNumber, n.callFrame.columnNumber);
        if (!n.callFrame.url || l.includes('/cjs/') || l.includes('.mjs') || l.includes('/dist/') || seen.has(l)) continue;
        seen.add(l);
        incl.set(l, (incl.get(l) ?? 0) + dt);
      }
    }
    return [...incl].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}`).join(' | ');
  };
  const main = trace.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onMain = trace.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
  const tasks = onMain.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > 50_000).sort((a, b) => a.ts - b.ts);
  console.log(`long tasks on the main thread (trace): ${tasks.length}, ${tasks.map((t) => ((t.dur ?? 0) / 1000).toFixed(0)).join(' ')} ms`);
  // Timeline events by self time inside long tasks.
  const kinds = new Map<string, number>();
  for (const t of tasks) {
    const inside = onMain.filter((e) => e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + (t.dur ?? 0)).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    for (const e of inside) {
      const children = inside.filter((c) => c !== e && c.ts >= e.ts && c.ts + (c.dur ?? 0) <= e.ts + (e.dur ?? 0));
      // Direct children only: those not inside another child.
      const direct = children.filter((c) => !children.some((o) => o !== c && o.ts <= c.ts && o.ts + (o.dur ?? 0) >= c.ts + (c.dur ?? 0) && (o.dur ?? 0) > (c.dur ?? 0)));
      const self = (e.dur ?? 0) - direct.reduce((s, c) => s + (c.dur ?? 0), 0);
      kinds.set(e.name, (kinds.get(e.name) ?? 0) + Math.max(0, self));
    }
  }
  console.log('each long task: ms, then its parts over 5 ms (event type or function where known)');
  for (const t of tasks) {
    const parts = onMain
      .filter((e) => e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + (t.dur ?? 0) && (e.dur ?? 0) > 5000)
      .filter((e) => ['EventDispatch', 'FunctionCall', 'TimerFire', 'Layout', 'UpdateLayoutTree', 'Paint', 'PrePaint', 'Layerize', 'Commit', 'FireAnimationFrame', 'HitTest', 'v8.callFunction'].includes(e.name))
      .map((e) => {
        const d = e.args?.data as { type?: string; functionName?: string; url?: string } | undefined;
        const what = d?.type ?? (d?.functionName ? `${d.functionName}` : '');
        return `${e.name}${what ? `(${what})` : ''} ${((e.dur ?? 0) / 1000).toFixed(0)}`;
      });
    console.log(`  ${((t.dur ?? 0) / 1000).toFixed(0).padStart(5)}: ${parts.join(', ')}`);
    const own = appFrames(t.ts, t.ts + (t.dur ?? 0));
    if (own) console.log(`         ${own}`);
  }
  console.log('timeline events inside long tasks, self ms:');
  for (const [k, v] of [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${(v / 1000).toFixed(1).padStart(8)}  ${k}`);

  // CPU samples inside long tasks: self and inclusive time per function.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: CpuNode) => `${n.callFrame.functionName || '(anonymous)'} @ ${where(n.callFrame.url, n.callFrame.lineNumber, n.callFrame.columnNumber)}`;
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  let t = profile.startTime;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    t += profile.timeDeltas[i] ?? 0;
    if (!tasks.some((task) => t >= task.ts && t <= task.ts + (task.dur ?? 0))) continue;
    total += dt;
    let node = byId.get(profile.samples[i] as number);
    if (!node) continue;
    self.set(label(node), (self.get(label(node)) ?? 0) + dt);
    const seen = new Set<string>();
    while (node) {
      const l = label(node);
      if (!seen.has(l)) incl.set(l, (incl.get(l) ?? 0) + dt);
      seen.add(l);
      const p = parent.get(node.id);
      node = p === undefined ? undefined : byId.get(p);
    }
  }
  console.log(`CPU samples inside long tasks: ${(total / 1000).toFixed(0)} ms`);
  console.log('self time, top functions:');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${(v / 1000).toFixed(1).padStart(8)}  ${k}`);
  console.log('inclusive time, top functions:');
  for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 50)) console.log(`  ${(v / 1000).toFixed(1).padStart(8)}  ${k}`);
}

async function main(): Promise<void> {
  const saved = path.join(DATA_DIR, 'scroll-profile');
  const r = process.argv.includes('--analyze')
    ? {
        trace: (JSON.parse(fs.readFileSync(`${saved}.trace.json`, 'utf8')) as { traceEvents: TraceEvent[] }).traceEvents,
        profile: JSON.parse(fs.readFileSync(`${saved}.cpuprofile`, 'utf8')) as CpuProfile,
        longTasks: [] as number[],
        rowsLoaded: 0,
      }
    : await record();
  const long = r.longTasks.filter((d) => d > 50);
  console.log(`rows loaded ${r.rowsLoaded}; PerformanceObserver long tasks: ${long.length}, longest ${Math.max(0, ...r.longTasks).toFixed(0)} ms`);
  summarize(r.trace, r.profile, sourceMapper(path.join(DATA_DIR, 'build', 'renderer')));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
