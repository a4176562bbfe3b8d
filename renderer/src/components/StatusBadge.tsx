export type BadgeTone = 'ok' | 'warn' | 'danger' | 'info' | 'muted';

/** A small coloured label; the text always says the status (colour is never the only signal). */
export function StatusBadge({ tone, children, title }: { tone: BadgeTone; children: React.ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}

/** A sinking tx's state from its sink statuses. */
export function sinkTone(statuses: { finalized: boolean }[]): { tone: BadgeTone; label: string } {
  if (statuses.some((s) => s.finalized)) return { tone: 'ok', label: 'finalized' };
  if (statuses.length > 0) return { tone: 'warn', label: 'partly retired' };
  return { tone: 'muted', label: 'pending' };
}

export function operationTone(status: string): BadgeTone {
  if (status === 'ok' || status === 'pass' || status === 'done') return 'ok';
  if (status === 'failed' || status === 'fail') return 'danger';
  if (status === 'running' || status === 'waiting') return 'info';
  if (status === 'findings' || status === 'cancelled') return 'warn';
  return 'muted';
}

/** A sink status's "finalized" column: yes once the sale is fully covered by retirements. */
export function FinalizedBadge({ finalized }: { finalized: boolean }) {
  return finalized ? <StatusBadge tone="ok">yes</StatusBadge> : <StatusBadge tone="muted">no</StatusBadge>;
}
