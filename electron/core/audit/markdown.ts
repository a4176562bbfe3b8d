import type { OperationRow } from '../../../shared/api/audit.js';

/** Small formatting helpers shared by the report writer. */

export function mdCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function formatDuration(ms: number | null): string {
  if (ms == null) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function formatRate(ok: number, finished: number): string {
  return finished ? `${((100 * ok) / finished).toFixed(1)} %` : '—';
}

/** "sinking_txs +3 ~1 −2" per table, from the result's change counts; plus output files. */
export function formatCounts(op: OperationRow): string {
  if (!op.result) return '—';
  let result: Record<string, unknown>;
  try {
    result = JSON.parse(op.result) as Record<string, unknown>;
  } catch {
    return '—';
  }
  const parts: string[] = [];
  const changes = (result.changes ?? {}) as Record<string, Record<string, number>>;
  for (const [table, k] of Object.entries(changes)) {
    const bits = [k.insert ? `+${k.insert}` : '', k.update ? `~${k.update}` : '', k.delete ? `−${k.delete}` : ''].filter(Boolean);
    parts.push(`${table} ${bits.join(' ')}`);
  }
  for (const [key, value] of Object.entries(result)) {
    if (key === 'changes' || key === 'outputFiles' || key === 'head') continue;
    if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') parts.push(`${key}: ${String(value)}`);
    else if (value && typeof value === 'object') parts.push(`${key}: ${JSON.stringify(value)}`);
  }
  const files = (result.outputFiles ?? []) as { path: string; sha256: string }[];
  for (const f of files) parts.push(`wrote ${f.path} (sha256 ${f.sha256})`);
  return parts.length ? parts.join('; ') : '—';
}

export function outcome(op: OperationRow): string {
  return op.error ? `${op.status}: ${op.error}` : op.status;
}
