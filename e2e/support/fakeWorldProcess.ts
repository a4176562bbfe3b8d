import { startEnvProcess } from './envProcess';

export interface FakeWorldHandle {
  url: string;
  /** SC_HORIZON_URL / SC_VERRA_* pointing at the fake world: pass to startServeProcess({ env }). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Serves the fake Horizon + Verra (electron/testkit/fakeWorld/serveWorld.ts) on a free port, from the published
 * sc-data (default) or the recorded fixtures, and waits for the env settings it prints. `keepDays` prunes its
 * Horizon to that many days before the newest record (SDF's public Horizon keeps about 365).
 */
export async function startFakeWorldProcess(
  opts: { world?: 'sc-data' | 'fixtures'; until?: string; keepDays?: number; historyMode?: 'clamp' | '410' } = {},
): Promise<FakeWorldHandle> {
  const args = ['--port', '0', '--world', opts.world ?? 'sc-data'];
  if (opts.until) args.push('--until', opts.until);
  if (opts.keepDays !== undefined) args.push('--keep-days', String(opts.keepDays), '--history-mode', opts.historyMode ?? 'clamp');
  const p = await startEnvProcess('electron/testkit/fakeWorld/serveWorld.ts', args, ['SC_HORIZON_URL', 'SC_VERRA_ASSET_SEARCH_URL', 'SC_VERRA_REPORT_URL'], 'the fake world');
  return { url: p.env.SC_HORIZON_URL ?? '', env: p.env, stop: p.stop };
}

/**
 * Serves the published dumps over HTTP like raw.githubusercontent.com (electron/testkit/fakeScData/serveScData.ts),
 * from the shared fixtures folder; `slowMs` delays each file so a bootstrap's per-file progress shows.
 */
export async function startFakeScDataProcess(opts: { slowMs?: number } = {}): Promise<{ url: string; env: Record<string, string>; stop(): Promise<void> }> {
  const args = ['--port', '0', ...(opts.slowMs ? ['--slow-ms', String(opts.slowMs)] : [])];
  const p = await startEnvProcess('electron/testkit/fakeScData/serveScData.ts', args, ['SC_DATA_URL'], 'the fake sc-data server');
  return { url: p.env.SC_DATA_URL ?? '', env: p.env, stop: p.stop };
}
