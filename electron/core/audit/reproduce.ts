import fs from 'node:fs';
import path from 'node:path';
import type { ChainHead, OperationRow, WrittenFiles } from '../../../shared/api/audit.js';
import type { ReadDb } from '../db/types.js';
import type { Engine } from '../engine.js';
import { APP_VERSION } from '../version.js';
import { chainHead, operationsInRange } from './queries.js';
import { daysBetween } from './report.js';

/**
 * `reproduce --from D --to D`: a bash script that replays the recorded operations as CLI commands with their
 * original parameters, oldest first, each commented with its original time, actor, outcome and id.
 * The database to replay into is the script's first argument; the global options that named the original
 * database, actor and note are dropped, and each command gets --note "replay of <id>".
 */

/** Global options that take a value and belong to the original run, not to the replay. */
const DROPPED_OPTIONS = new Set(['--db', '--actor', '--note']);

export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function stripGlobalOptions(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (DROPPED_OPTIONS.has(a)) {
      i++;
      continue;
    }
    if ([...DROPPED_OPTIONS].some((o) => a.startsWith(`${o}=`))) continue;
    out.push(a);
  }
  return out;
}

function params(op: OperationRow): Record<string, unknown> {
  try {
    const p = JSON.parse(op.params) as unknown;
    return p && typeof p === 'object' ? (p as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);

const tableArgs = (tables: unknown): string[] => (Array.isArray(tables) ? tables.flatMap((t) => ['--table', String(t)]) : []);

/** The CLI arguments of an operation: as recorded when it came from the CLI, else rebuilt from kind + params. */
export function commandFor(op: OperationRow): string[] | null {
  // A bootstrap inside a catch-up, and a provenance check inside a verify, are replayed by that command itself.
  const within = { bootstrap: 'catch-up', provenance: 'verify' }[op.kind];
  if (within && op.command?.includes(within)) return null;
  if (op.command && op.command.length > 0) return stripGlobalOptions(op.command);
  const p = params(op);
  switch (op.kind) {
    case 'catch-up':
      return ['catch-up', ...(p.fresh === true ? ['--fresh'] : [])];
    case 'bootstrap': {
      const source = str(p.source);
      return source ? ['bootstrap', '--from', source] : null;
    }
    case 'load': {
      const step = str(p.target) ?? str(p.step) ?? str(p.table);
      return step ? ['load', step] : null;
    }
    case 'restore': {
      const dir = str(p.dir);
      return dir ? ['backup', 'restore', dir, ...(p.replace === true ? ['--replace'] : []), ...tableArgs(p.tables)] : null;
    }
    case 'dump': {
      const dir = str(p.dir);
      return dir ? ['backup', 'dump', dir, ...tableArgs(p.tables)] : null;
    }
    case 'verify':
      return ['verify', '--grace-days', str(p.graceDays) ?? '90'];
    case 'report': {
      const from = str(p.from);
      const to = str(p.to);
      return from && to ? ['report', '--from', from, '--to', to, ...(str(p.outDir) ? ['--out', str(p.outDir) as string] : []), ...(p.pdf === true ? ['--pdf'] : [])] : null;
    }
    default:
      return null;
  }
}

export function reproduceScript(ops: OperationRow[], opts: { from: string; to: string; head: ChainHead | null; generatedAt: string }): string {
  const lines = [
    '#!/usr/bin/env bash',
    `# Replays the operations recorded from ${opts.from} to ${opts.to} (UTC), oldest first, with their original parameters.`,
    `# Generated ${opts.generatedAt} by sc-audit-explorer ${APP_VERSION}; audit chain head: ${opts.head ? `seq ${opts.head.seq} ${opts.head.hash}` : 'empty'}.`,
    '# Usage: bash reproduce.sh DATABASE_FILE   (set SC_AUDIT_EXPLORER to the command to run, e.g. "npx tsx electron/cli.ts")',
    'set -euo pipefail',
    '',
    'DB="${1:?usage: $0 DATABASE_FILE}"',
    'SC_AUDIT_EXPLORER="${SC_AUDIT_EXPLORER:-sc-audit-explorer}"',
    '# shellcheck disable=SC2086  # SC_AUDIT_EXPLORER may be a command with arguments',
    'run() { $SC_AUDIT_EXPLORER --db "$DB" "$@"; }',
    '',
  ];
  let replayed = 0;
  for (const op of ops) {
    const comment = `# ${op.startedAt} ${op.kind} by ${op.actor} on ${op.host} — ${op.status}${op.durationMs != null ? ` in ${op.durationMs} ms` : ''} — operation ${op.id}`;
    lines.push(comment.replace(/\r?\n/g, ' '));
    if (op.note) lines.push(`#   note: ${op.note.replace(/\r?\n/g, ' ')}`);
    const cmd = op.kind === 'schema-change' || op.kind === 'reproduce' ? null : commandFor(op);
    if (!cmd) {
      lines.push(
        op.kind === 'schema-change'
          ? '#   (schema changes happen by themselves when the database is opened)'
          : `#   (no CLI equivalent; parameters: ${op.params.replace(/\r?\n/g, ' ')})`,
        '',
      );
      continue;
    }
    const call = `run ${[...cmd, '--note', `replay of ${op.id}`].map(shellQuote).join(' ')}`;
    // A command that failed originally is expected to fail again: the replay goes on.
    lines.push(op.status === 'ok' || op.status === 'running' ? call : `${call} || echo "expected: this ${op.kind} originally ended ${op.status}" >&2`, '');
    replayed++;
  }
  lines.push(`echo "replayed ${replayed} operation(s)"`, '');
  return lines.join('\n');
}

export function writeReproduceScript(db: ReadDb, opts: { from: string; to: string; outFile: string; now?: Date; excludeId?: string }): { file: string; head: ChainHead | null } {
  daysBetween(opts.from, opts.to); // validates the range
  const ops = operationsInRange(db, opts.from, opts.to, opts.excludeId);
  const head = chainHead(db);
  fs.mkdirSync(path.dirname(path.resolve(opts.outFile)), { recursive: true });
  fs.writeFileSync(opts.outFile, reproduceScript(ops, { ...opts, head, generatedAt: (opts.now ?? new Date()).toISOString() }), { mode: 0o755 });
  return { file: opts.outFile, head };
}

export async function runReproduce(
  engine: Engine,
  opts: { from: string; to: string; outFile: string; note?: string; via?: string },
): Promise<WrittenFiles> {
  const outFile = path.resolve(opts.outFile);
  return engine.runOperation({ kind: 'reproduce', params: { from: opts.from, to: opts.to, outFile }, note: opts.note, via: opts.via, writes: false }, (op) => {
    const db: ReadDb = engine.reader();
    const { file, head } = writeReproduceScript(db, { ...opts, outFile, excludeId: op.id });
    return { files: [op.recordOutputFile(file)], head, operationId: op.id };
  });
}
