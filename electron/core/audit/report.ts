import fs from 'node:fs';
import path from 'node:path';
import type { ChainHead, OperationRow } from '../../../shared/api/audit.js';
import { AppError } from '../../../shared/errors.js';
import type { ReadDb } from '../db/types.js';
import { APP_VERSION } from '../version.js';
import { formatCounts, formatDuration, formatRate, mdCell, outcome } from './markdown.js';
import { chainHead, nextDay, operationsInRange } from './queries.js';

/**
 * The operation log's part of `report --from D --to D` (the auditor's report's appendix, see
 * auditReport/writeAuditReport.ts): one Markdown file per day (totals, success rate, each operation) and a summary
 * over the range that ends with the chain head, so a printed report pins the audit log's state.
 */
const MAX_DAYS = 3660;

export function daysBetween(from: string, to: string): string[] {
  if (from > to) throw new AppError('BAD_INPUT', `--from ${from} is after --to ${to}.`);
  const days: string[] = [];
  for (let d = from; d <= to; d = nextDay(d)) {
    days.push(d);
    if (days.length > MAX_DAYS) throw new AppError('BAD_INPUT', `The range ${from}..${to} is longer than ${MAX_DAYS} days.`);
  }
  return days;
}

interface Tally {
  count: number;
  ok: number;
  failed: number;
  cancelled: number;
  running: number;
  durationMs: number;
}

function tally(ops: OperationRow[]): Tally {
  const t: Tally = { count: 0, ok: 0, failed: 0, cancelled: 0, running: 0, durationMs: 0 };
  for (const op of ops) {
    t.count++;
    t[op.status]++;
    t.durationMs += op.durationMs ?? 0;
  }
  return t;
}

function totalsLine(t: Tally): string {
  return (
    `Operations: ${t.count} · ok ${t.ok} · failed ${t.failed} · cancelled ${t.cancelled} · running ${t.running} · ` +
    `success rate ${formatRate(t.ok, t.ok + t.failed + t.cancelled)} · total duration ${formatDuration(t.durationMs)}`
  );
}

export function dayReport(day: string, ops: OperationRow[]): string {
  const lines = [`# Audit log — ${day} (UTC)`, '', totalsLine(tally(ops)), ''];
  if (ops.length === 0) {
    lines.push('No operations were recorded on this day.', '');
    return lines.join('\n');
  }
  lines.push('| Time (UTC) | Kind | Actor | Parameters | Counts | Duration | Outcome |', '|---|---|---|---|---|---|---|');
  for (const op of ops) {
    lines.push(
      `| ${op.startedAt.slice(11, 19)} | ${mdCell(op.kind)} | ${mdCell(op.actor)} | \`${mdCell(op.params)}\` | ${mdCell(formatCounts(op))} | ` +
        `${formatDuration(op.durationMs)} | ${mdCell(outcome(op))} |`,
    );
  }
  lines.push('', '## Operations', '');
  for (const op of ops) {
    lines.push(`### ${op.startedAt} ${op.kind} — ${op.status}`, '');
    lines.push(`- id: \`${op.id}\` (chain seq ${op.seq})`);
    lines.push(`- actor: ${op.actor} on ${op.host} (pid ${op.pid ?? '?'}${op.via ? `, via ${op.via}` : ''})`);
    lines.push(`- app version ${op.appVersion}, schema version ${op.schemaVersion}`);
    lines.push(`- finished: ${op.finishedAt ?? '—'} (${formatDuration(op.durationMs)})`);
    if (op.sourceUrls.length) lines.push(`- sources: ${op.sourceUrls.join(', ')}`);
    if (op.latestLedger != null) lines.push(`- Horizon latest ledger: ${op.latestLedger}`);
    if (op.command) lines.push(`- command: \`${mdCell(op.command.join(' '))}\``);
    if (op.note) lines.push(`- note: ${mdCell(op.note)}`);
    lines.push(`- parameters: \`${mdCell(op.params)}\``);
    lines.push(`- result: ${mdCell(formatCounts(op))}`);
    if (op.error) lines.push(`- error: ${mdCell(op.error)}`);
    lines.push('');
  }
  return lines.join('\n');
}

export function summaryReport(from: string, to: string, byDay: Map<string, OperationRow[]>, head: ChainHead | null, generatedAt: string): string {
  const all = [...byDay.values()].flat();
  const lines = [`# Audit summary — ${from} to ${to} (UTC)`, '', totalsLine(tally(all)), ''];
  lines.push('## Per kind', '', '| Kind | Operations | ok | failed | cancelled | Success rate | Total duration |', '|---|---|---|---|---|---|---|');
  const kinds = [...new Set(all.map((o) => o.kind))].sort();
  for (const kind of kinds) {
    const k = tally(all.filter((o) => o.kind === kind));
    lines.push(`| ${mdCell(kind)} | ${k.count} | ${k.ok} | ${k.failed} | ${k.cancelled} | ${formatRate(k.ok, k.ok + k.failed + k.cancelled)} | ${formatDuration(k.durationMs)} |`);
  }
  lines.push('', '## Per day', '', '| Day | Operations | ok | failed | cancelled | Success rate |', '|---|---|---|---|---|---|');
  for (const [day, ops] of byDay) {
    const d = tally(ops);
    lines.push(`| ${day} | ${d.count} | ${d.ok} | ${d.failed} | ${d.cancelled} | ${formatRate(d.ok, d.ok + d.failed + d.cancelled)} |`);
  }
  lines.push('', '## Audit chain head', '');
  lines.push(head ? `- seq ${head.seq}\n- hash \`${head.hash}\`` : '- the audit log is empty');
  lines.push('', `Generated ${generatedAt} by sc-audit-explorer ${APP_VERSION}.`, '');
  return lines.join('\n');
}

/** Writes the day files and the summary; pure with respect to the database (reads only). */
export function writeReports(db: ReadDb, opts: { from: string; to: string; outDir: string; now?: Date; excludeId?: string }): { files: string[]; head: ChainHead | null } {
  const days = daysBetween(opts.from, opts.to);
  const ops = operationsInRange(db, opts.from, opts.to, opts.excludeId);
  const byDay = new Map<string, OperationRow[]>(days.map((d) => [d, []]));
  for (const op of ops) byDay.get(op.startedAt.slice(0, 10))?.push(op);
  fs.mkdirSync(opts.outDir, { recursive: true });
  const files: string[] = [];
  for (const [day, dayOps] of byDay) {
    const file = path.join(opts.outDir, `audit-${day}.md`);
    fs.writeFileSync(file, dayReport(day, dayOps));
    files.push(file);
  }
  const head = chainHead(db);
  const summary = path.join(opts.outDir, `audit-summary-${opts.from}_${opts.to}.md`);
  fs.writeFileSync(summary, summaryReport(opts.from, opts.to, byDay, head, (opts.now ?? new Date()).toISOString()));
  files.push(summary);
  return { files, head };
}
