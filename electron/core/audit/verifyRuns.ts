import type { CheckResult, VerifyReport, VerifyVerdict } from '../../../shared/api/audit.js';
import type { ReadDb, WriteDb } from '../db/types.js';

/**
 * Stored verify reports (migration 010's verify_runs): each verify writes its whole report, so the Overview and the
 * jobs read the newest verdict without running the checks again. The operation log keeps the counts on the chain.
 */
export function storeVerifyRun(db: WriteDb, report: VerifyReport): void {
  db.prepare('INSERT OR REPLACE INTO verify_runs (operation_id, finished_at, ok, head_seq, head_hash, summary_json) VALUES (?, ?, ?, ?, ?, ?)').run(
    report.operationId,
    report.checkedAt,
    report.ok ? 1 : 0,
    report.head?.seq ?? null,
    report.head?.hash ?? null,
    JSON.stringify(report),
  );
}

/** The newest stored report, or null when verify never ran on this database. */
export function lastVerifyRun(db: ReadDb): VerifyReport | null {
  const text = db.prepare('SELECT summary_json FROM verify_runs ORDER BY finished_at DESC, rowid DESC LIMIT 1').pluck().get() as string | undefined;
  return text === undefined ? null : (JSON.parse(text) as VerifyReport);
}

const line = (c: CheckResult) => ({ check: c.id, count: c.count, headline: c.headline ?? `${c.title}: ${c.count}` });

export function verdictOf(report: VerifyReport): VerifyVerdict {
  return {
    ok: report.ok,
    operationId: report.operationId,
    checkedAt: report.checkedAt,
    failed: report.checks.filter((c) => c.status === 'fail').map(line),
    findings: report.checks.filter((c) => c.status === 'findings').map(line),
  };
}

/** The verdict as the CLI prints it after a catch-up, bootstrap or restore (and verify's own last line). */
export function verdictLines(v: VerifyVerdict): string {
  const head = v.ok ? `Verify: pass${v.findings.length ? ` with ${v.findings.length} findings` : ''}` : `Verify: FAIL (${v.failed.length} checks failed)`;
  const lines = [...v.failed.map((f) => `  failed: ${f.headline}`), ...v.findings.map((f) => `  finding: ${f.headline}`)];
  return `${[head, ...lines].join('\n')}\n`;
}
