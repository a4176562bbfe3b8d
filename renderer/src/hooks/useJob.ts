import { useEffect, useRef, useState } from 'react';
import type { VerifyReport, VerifyVerdict } from '../../../shared/api/audit';
import type { JobProgress } from '../../../shared/events';
import { api } from '../api/client';

/**
 * Runs one job-method call with a client-chosen job id and follows its 'job.progress' events, so a page can show
 * the step running (e.g. the verify after a restore) while the call is pending.
 */
export function useJob(prefix: string): {
  progress: JobProgress | null;
  run: <T>(call: (jobId: string) => Promise<T>) => Promise<T>;
} {
  const jobRef = useRef<string | null>(null);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  useEffect(() => api.on('job.progress', (p) => p.jobId === jobRef.current && setProgress(p)), []);
  async function run<T>(call: (jobId: string) => Promise<T>): Promise<T> {
    const jobId = `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    jobRef.current = jobId;
    try {
      return await call(jobId);
    } finally {
      jobRef.current = null;
      setProgress(null);
    }
  }
  return { progress, run };
}

/** "verifying (5 of 16 checks: grace-period)…" while a job's verify step runs; its step name otherwise. */
export function jobStepText(p: JobProgress | null): string | null {
  if (!p || p.state !== 'running') return null;
  if (p.step === 'verify') return `verifying (${p.done} of ${p.total ?? '?'} checks${p.message ? `: ${p.message}` : ''})…`;
  return `${p.step}${p.message ? `: ${p.message}` : ''}…`;
}

/** The verify verdict in one sentence, for a status line after a catch-up, restore or backup apply. */
export function verdictSentence(v: VerifyVerdict | null): string {
  if (!v) return 'Verify did not run.';
  return verifySentence(v.ok, v.failed.map((f) => f.headline), v.findings.map((f) => f.headline));
}

/** The same sentence from a whole verify report (the palette's "Run verify"). */
export function reportSentence(r: VerifyReport): string {
  const headline = (status: string) => r.checks.filter((c) => c.status === status).map((c) => c.headline ?? c.title);
  return verifySentence(r.ok, headline('fail'), headline('findings'));
}

function verifySentence(ok: boolean, failed: string[], findings: string[]): string {
  if (!ok) return `Verify failed: ${failed.join('; ')}.`;
  return findings.length === 0 ? 'Verify passed.' : `Verify passed with findings: ${findings.join('; ')}.`;
}
