import type { HorizonTestResult } from '../../../shared/api/settings.js';
import { AppError } from '../../../shared/errors.js';

interface HorizonRoot {
  horizon_version?: string;
  history_latest_ledger?: number;
  history_elder_ledger?: number;
  core_latest_ledger?: number;
  network_passphrase?: string;
}

/**
 * One GET of Horizon's root document with a hard timeout and no retries: the auditor is waiting on a button,
 * so a dead or wrong URL must fail quickly with a message that says what went wrong.
 */
export async function testHorizon(url: string, timeoutMs: number, signal?: AbortSignal): Promise<HorizonTestResult> {
  const root = url.replace(/\/+$/, '') + '/';
  const started = Date.now();
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let res: Response;
  let text: string;
  try {
    res = await fetch(root, { headers: { accept: 'application/json' }, signal: combined, redirect: 'follow' });
    text = await res.text();
  } catch (err) {
    if (signal?.aborted) throw new AppError('CANCELLED', `Testing ${root} was cancelled.`);
    if (timeout.aborted) throw new AppError('SOURCE_ERROR', `Horizon at ${root} did not answer within ${timeoutMs / 1000} s.`);
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new AppError('SOURCE_ERROR', `Cannot reach Horizon at ${root}: ${cause?.code ?? cause?.message ?? (err as Error).message}.`);
  }
  if (!res.ok) {
    throw new AppError('SOURCE_ERROR', `Horizon at ${root} answered HTTP ${res.status}${problemDetail(text)}.`);
  }
  let body: HorizonRoot;
  try {
    body = JSON.parse(text) as HorizonRoot;
  } catch {
    throw new AppError('SOURCE_ERROR', `${root} answered, but not with JSON: is it a Horizon server? (starts ${JSON.stringify(text.slice(0, 60))})`);
  }
  const header = Number(res.headers.get('latest-ledger'));
  const latest = typeof body.history_latest_ledger === 'number' ? body.history_latest_ledger : Number.isFinite(header) && header > 0 ? header : null;
  if (latest === null) {
    throw new AppError('SOURCE_ERROR', `${root} answered JSON without history_latest_ledger or a Latest-Ledger header: is it a Horizon server?`);
  }
  return {
    url: root,
    latestLedger: latest,
    historyElderLedger: typeof body.history_elder_ledger === 'number' ? body.history_elder_ledger : null,
    horizonVersion: body.horizon_version ?? null,
    networkPassphrase: body.network_passphrase ?? null,
    elapsedMs: Date.now() - started,
  };
}

function problemDetail(text: string): string {
  try {
    const p = JSON.parse(text) as { title?: string; detail?: string };
    const parts = [p.title, p.detail].filter(Boolean);
    return parts.length ? `: ${parts.join(' — ')}` : '';
  } catch {
    return '';
  }
}
