import os from 'node:os';

/**
 * Whether the process that started an operation may still be running it. The set of this process's unfinished
 * operations is process-wide on purpose: liveness is a fact about the process, whichever Engine started them.
 */
const activeOperations = new Set<string>();

export function markOperationActive(id: string): void {
  activeOperations.add(id);
}

/** Forgets an operation of this process; false when it was not (or no longer) active. */
export function markOperationFinished(id: string): boolean {
  return activeOperations.delete(id);
}

export function isOperationActive(id: string): boolean {
  return activeOperations.has(id);
}

/** True when the process that started an operation may still be running it. Unknown hosts count as alive. */
export function isOperationProcessAlive(op: { id: string; host: string | null; pid: number | null }): boolean {
  if (activeOperations.has(op.id)) return true;
  if (op.host !== os.hostname() || op.pid == null) return op.host !== os.hostname();
  if (op.pid === process.pid) return false;
  try {
    process.kill(op.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function interruptedMessage(op: { host: string | null; pid: number | null }): string {
  return `interrupted: process ${op.pid ?? '?'} on ${op.host ?? '?'} ended without finishing the operation (killed or crashed)`;
}
