import { type Command, InvalidArgumentError, Option } from 'commander';
import path from 'node:path';
import type { ChangeRow, OperationRow, Page, VerifyReport } from '../../shared/api/audit.js';
import { AppError } from '../../shared/errors.js';
import { chainHead, listChanges, listOperations, recordHistory, usageStats } from '../core/audit/queries.js';
import { playwrightPdfRenderer } from '../core/audit/auditReport/pdf.js';
import { runAuditReport } from '../core/audit/auditReport/writeAuditReport.js';
import { runReproduce } from '../core/audit/reproduce.js';
import { runVerify } from '../core/audit/verify.js';
import { verifyWithSources } from '../core/audit/verifyOnline.js';
import { toCsv, toTextTable } from '../core/export/format.js';
import { toCells } from '../core/export/rowEncoder.js';
import { formatOption, parseDateOrTimeArg, parseDayArg } from './cliArgs.js';
import { withEngine, type GlobalOptions, type OutputFormat } from './context.js';

/**
 * Audit commands: verify, report, reproduce, and the audit views (view audit|changes|history|usage).
 * Also makes --actor / --note / the command line the defaults of every operation this process records.
 */

type Cell = string | number | boolean | null | undefined;
type Table = { columns: string[]; rows: Record<string, Cell>[] };

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

/** The audit views through the one CSV and table writers (format.ts), like every other view the CLI prints. */
export function renderTable(t: Table, format: OutputFormat): string {
  if (format === 'json') return `${JSON.stringify(t.rows, null, 2)}\n`;
  const data = { columns: t.columns, rows: t.rows.map((r) => toCells(r, t.columns)) };
  return format === 'csv' ? toCsv(data) : toTextTable(data);
}

function operationTable(rows: OperationRow[], format: OutputFormat): Table {
  if (format === 'json') return { columns: [], rows: rows as unknown as Record<string, Cell>[] };
  return {
    columns: ['started_at', 'kind', 'actor', 'status', 'duration_ms', 'params', 'result', 'error', 'note', 'id'],
    rows: rows.map((r) => ({
      started_at: r.startedAt,
      kind: r.kind,
      actor: r.actor,
      status: r.status,
      duration_ms: r.durationMs,
      params: r.params,
      result: r.result,
      error: r.error,
      note: r.note,
      id: r.id,
    })),
  };
}

function changeTable(rows: ChangeRow[], format: OutputFormat): Table {
  if (format === 'json') return { columns: [], rows: rows as unknown as Record<string, Cell>[] };
  return {
    columns: ['seq', 'changed_at', 'table', 'key', 'kind', 'operation_id', 'before', 'after'],
    rows: rows.map((r) => ({
      seq: r.seq,
      changed_at: r.changedAt,
      table: r.table,
      key: r.key,
      kind: r.kind,
      operation_id: r.operationId,
      before: r.before,
      after: r.after,
    })),
  };
}

/** Every row of a paged listing (the CLI prints all matches unless --limit is given, like sc-audit). */
function allPages<T>(fetch: (before: number | undefined, limit: number) => Page<T>, limit: number | undefined): T[] {
  const out: T[] = [];
  let before: number | undefined;
  for (;;) {
    const want = limit == null ? 1000 : Math.min(1000, limit - out.length);
    if (want <= 0) break;
    const page = fetch(before, want);
    out.push(...page.rows);
    if (page.nextCursor == null) break;
    before = page.nextCursor;
  }
  return limit == null ? out : out.slice(0, limit);
}


const write = (text: string) => process.stdout.write(text);

export function renderVerify(r: VerifyReport): string {
  const lines: string[] = [];
  if (r.provenance && r.provenance.checked > 0) {
    const s = r.provenance.summary;
    lines.push(`provenance: checked ${r.provenance.checked} rows with ${r.provenance.requests} requests; ${s.confirmed} of ${s.bootstrapped} bootstrapped rows confirmed, ${s.differs} differ, ${s.unconfirmable} unconfirmable`);
  }
  if (r.provenanceError) lines.push(`provenance: could not finish: ${r.provenanceError}`);
  for (const c of r.checks) {
    const label = c.status === 'pass' ? 'PASS' : c.status === 'fail' ? 'FAIL' : 'FIND';
    lines.push(`${label}  ${c.id}: ${c.title}${c.count ? ` (${c.count})` : ''}`);
    for (const o of c.offenders) lines.push(`      ${[o.table, o.key].filter(Boolean).join(' ')}: ${o.message}`);
    if (c.count > c.offenders.length) lines.push(`      … and ${c.count - c.offenders.length} more`);
  }
  const failed = r.checks.filter((c) => c.status === 'fail').length;
  lines.push(
    `verify: ${failed ? `FAILED (${failed} check${failed > 1 ? 's' : ''} failed)` : 'OK'} · grace period ${r.graceDays} days · ` +
      `audit head ${r.head ? `seq ${r.head.seq} ${r.head.hash}` : '(empty)'} · operation ${r.operationId}`,
  );
  return lines.join('\n') + '\n';
}

/** The `view` parent command, shared with the other view commands: created once, whoever registers first. */
export function viewCommandOf(program: Command): Command {
  return program.commands.find((c) => c.name() === 'view') ?? program.command('view').description('browse the database and its audit trail');
}

export function registerAuditCommands(program: Command): void {
  program
    .command('verify')
    .description('check the audit chain, the change log replay and the reconciliation identities (exit 1 on failure)')
    .option('--grace-days <n>', 'days after which an unfinalized sale is a finding (default: the setting SC_RETIREMENT_GRACE_DAYS, else 90)', parseCount)
    .option('--offline', 'skip the provenance check, which re-derives bootstrapped rows from Horizon and Verra')
    .addOption(formatOption(['table', 'json']))
    .action(async (opts: { graceDays?: number; format: string; offline?: boolean }, cmd: Command) => {
      const report = await withEngine(cmd, (engine) =>
        opts.offline
          ? runVerify(engine, { graceDays: opts.graceDays, via: 'cli' })
          : verifyWithSources(engine, { graceDays: opts.graceDays, via: 'cli', onProgress: (p) => (p.done % 50 === 0 || p.done === p.total) && process.stderr.write(`provenance: ${p.done}/${p.total} rows checked\n`) }),
      );
      write(opts.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderVerify(report));
      if (!report.ok) {
        const failed = report.checks.filter((c) => c.status === 'fail');
        throw new AppError('DATA_INCONSISTENT', `verify failed: ${failed.map((c) => `${c.id} (${c.count})`).join(', ')}`);
      }
    });

  program
    .command('report')
    .description("write the auditor's report for a period (findings, reconciliation, review marks, provenance, audit head) and the per-day operation logs")
    .requiredOption('--from <date>', 'first day (UTC)', parseDayArg)
    .requiredOption('--to <date>', 'last day (UTC)', parseDayArg)
    .option('--out <dir>', 'output folder', '.')
    .option('--pdf', 'also print the report to PDF with Chromium (CHROMIUM_PATH, else the installed chromium)')
    .option('--key-file <file>', 'sign each file (FILE.sig.json) with the S… seed in this file (env SC_SIGNING_KEY_FILE)')
    .action(async (opts: { from: string; to: string; out: string; pdf?: boolean }, cmd: Command) => {
      const r = await withEngine(cmd, (engine) =>
        runAuditReport(engine, { from: opts.from, to: opts.to, outDir: opts.out, pdf: opts.pdf === true, via: 'cli' }, { renderPdf: playwrightPdfRenderer }),
      );
      for (const f of r.files) write(`${f.path}  sha256 ${f.sha256}\n`);
      for (const s of r.signatureFiles ?? []) write(`${s}\n`);
      write(`audit head ${r.head ? `seq ${r.head.seq} ${r.head.hash}` : '(empty)'}\n`);
    });

  program
    .command('reproduce')
    .description('write a bash script that replays the recorded operations with their original parameters')
    .requiredOption('--from <date>', 'first day (UTC)', parseDayArg)
    .requiredOption('--to <date>', 'last day (UTC)', parseDayArg)
    .option('--out <file>', 'script file (default: reproduce-FROM_TO.sh)')
    .action(async (opts: { from: string; to: string; out?: string }, cmd: Command) => {
      const outFile = opts.out ?? path.resolve(`reproduce-${opts.from}_${opts.to}.sh`);
      const r = await withEngine(cmd, (engine) => runReproduce(engine, { from: opts.from, to: opts.to, outFile, via: 'cli' }));
      for (const f of r.files) write(`${f.path}  sha256 ${f.sha256}\n`);
    });

  const view = viewCommandOf(program);

  view
    .command('audit')
    .description('the operation log, newest first')
    .option('--kind <kind>', 'operation kind, e.g. catch-up')
    .option('--actor <name>', 'who ran it')
    .addOption(new Option('--status <status>', 'outcome').choices(['running', 'ok', 'failed', 'cancelled']))
    .option('--since <date>', 'started on or after (UTC)', parseDateOrTimeArg)
    .option('--until <date>', 'started on or before (UTC; a date includes the whole day)', parseDateOrTimeArg)
    .option('--limit <n>', 'at most this many rows', parseCount)
    .addOption(formatOption())
    .action(async (opts: { kind?: string; actor?: string; status?: OperationRow['status']; since?: string; until?: string; limit?: number; format: OutputFormat }, cmd: Command) => {
      // Commander hands `--actor` to the global option (who runs a command); in this read-only view it filters.
      const actor = opts.actor ?? cmd.optsWithGlobals<GlobalOptions>().actor;
      await withEngine(cmd, (engine) => {
        const f = { ...opts, actor };
        const rows = allPages((before, limit) => listOperations(engine.reader(), { ...f, before, limit }), opts.limit);
        write(renderTable(operationTable(rows, opts.format), opts.format));
        if (opts.format === 'table') {
          const head = chainHead(engine.reader());
          write(`\naudit head ${head ? `seq ${head.seq} ${head.hash}` : '(empty)'}\n`);
        }
      });
    });

  view
    .command('changes')
    .description('the change log, newest first')
    .option('--table <table>', 'data table')
    .option('--key <key>', "record key (composite keys as 'a/b')")
    .option('--operation <id>', 'operation id')
    .option('--since <date>', 'changed on or after (UTC)', parseDateOrTimeArg)
    .option('--until <date>', 'changed on or before (UTC)', parseDateOrTimeArg)
    .option('--limit <n>', 'at most this many rows', parseCount)
    .addOption(formatOption())
    .action(async (opts: { table?: string; key?: string; operation?: string; since?: string; until?: string; limit?: number; format: OutputFormat }, cmd: Command) => {
      await withEngine(cmd, (engine) => {
        const f = { table: opts.table, key: opts.key, operationId: opts.operation, since: opts.since, until: opts.until };
        const rows = allPages((before, limit) => listChanges(engine.reader(), { ...f, before, limit }), opts.limit);
        write(renderTable(changeTable(rows, opts.format), opts.format));
      });
    });

  view
    .command('history')
    .description('every change of one record, oldest first')
    .argument('<table>', 'data table')
    .argument('<key>', "record key (composite keys as 'a/b')")
    .addOption(formatOption())
    .action(async (table: string, key: string, opts: { format: OutputFormat }, cmd: Command) => {
      await withEngine(cmd, (engine) => {
        const rows = recordHistory(engine.reader(), table, key);
        if (rows.length === 0) throw new AppError('NOT_FOUND', `No recorded changes for ${table} ${key}.`);
        write(renderTable(changeTable(rows, opts.format), opts.format));
      });
    });

  view
    .command('usage')
    .description('operations per day and kind, success rate and duration percentiles')
    .option('--since <date>', 'started on or after (UTC)', parseDateOrTimeArg)
    .option('--until <date>', 'started on or before (UTC)', parseDateOrTimeArg)
    .addOption(formatOption())
    .action(async (opts: { since?: string; until?: string; format: OutputFormat }, cmd: Command) => {
      await withEngine(cmd, (engine) => {
        const u = usageStats(engine.reader(), opts);
        if (opts.format === 'json') return write(`${JSON.stringify(u, null, 2)}\n`);
        const rate = (r: number | null) => (r == null ? null : (100 * r).toFixed(1));
        const perKind: Table = {
          columns: ['kind', 'count', 'success_pct', 'p50_ms', 'p90_ms', 'p99_ms', 'max_ms'],
          rows: u.perKind.map((k) => ({ kind: k.kind, count: k.count, success_pct: rate(k.successRate), p50_ms: k.p50Ms, p90_ms: k.p90Ms, p99_ms: k.p99Ms, max_ms: k.maxMs })),
        };
        const perDay: Table = {
          columns: ['day', 'kind', 'count', 'ok', 'failed', 'cancelled', 'running'],
          rows: u.perDay as unknown as Record<string, Cell>[],
        };
        write(renderTable(perKind, opts.format));
        write('\n');
        write(renderTable(perDay, opts.format));
        if (opts.format === 'table') write(`\ntotal ${u.total.count} operations, success rate ${rate(u.total.successRate) ?? '—'} %\n`);
      });
    });
}
