import type { OperationRow } from '../../../../shared/api/audit.js';
import type { SourceRead } from './types.js';

/**
 * The provenance of every source read in the period, from the operation log: the URLs a catch-up or a provenance
 * check read (with Horizon's latest ledger), the files a bootstrap took (each with its sha256, size and rows), the
 * folder a restore imported and the tables it wrote. Read from the operations' params and results, as recorded.
 */
const READS_WITHOUT_URLS = new Set(['bootstrap', 'restore']);

interface RecordedFile {
  table?: unknown;
  source?: unknown;
  sha256?: unknown;
  bytes?: unknown;
  rows?: unknown;
  action?: unknown;
}

function parse(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    // Params and results of these kinds hold texts and small counts only (no TOIDs), so JSON.parse is exact.
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

function filesOf(op: OperationRow): SourceRead['files'] {
  const result = parse(op.result);
  if (op.kind === 'bootstrap' && Array.isArray(result.files)) {
    return (result.files as RecordedFile[]).map((f) => ({
      name: typeof f.source === 'string' ? f.source : `${String(f.table)}.ndjson`,
      sha256: typeof f.sha256 === 'string' && f.sha256 ? f.sha256 : null,
      bytes: num(f.bytes),
      rows: num(f.rows),
    }));
  }
  if (op.kind === 'restore' && Array.isArray(result.tables)) {
    // A restore records the tables it wrote, not the files' hashes.
    return (result.tables as RecordedFile[]).map((t) => ({ name: `${String(t.table)}.ndjson (${String(t.action)})`, sha256: null, bytes: null, rows: num(t.rows) }));
  }
  return [];
}

function sourcesOf(op: OperationRow): string[] {
  if (op.sourceUrls.length) return op.sourceUrls;
  const params = parse(op.params);
  for (const key of ['source', 'dir', 'path']) if (typeof params[key] === 'string') return [params[key]];
  return [];
}

export function sourceReads(ops: OperationRow[]): SourceRead[] {
  return ops
    .filter((op) => op.sourceUrls.length > 0 || READS_WITHOUT_URLS.has(op.kind))
    .map((op) => ({
      operationId: op.id,
      seq: op.seq,
      kind: op.kind,
      startedAt: op.startedAt,
      status: op.status,
      actor: op.actor,
      sources: sourcesOf(op),
      files: filesOf(op),
      latestLedger: op.latestLedger,
      error: op.error,
    }));
}
