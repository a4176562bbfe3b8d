import type { LiveStatus } from './api/live.js';
import type { AppCommand } from './appCommands.js';

/**
 * Push events from the engine to every window (IPC) and browser tab (Server-Sent Events).
 * One typed map; the channel names below are the only ones used.
 */
export type JobState = 'running' | 'waiting' | 'done' | 'failed' | 'cancelled';

export interface JobProgress {
  jobId: string;
  /** e.g. 'catch-up', 'export' */
  kind: string;
  /** The step now running, e.g. 'sinking-txs'. */
  step: string;
  done: number;
  /** null while the total is unknown. */
  total: number | null;
  state: JobState;
  /** Human-readable detail, e.g. "rate limited, resuming in 12 s". */
  message?: string;
}

export interface DataChanged {
  /** The tables that changed; views refresh when they see this. */
  tables: string[];
}

/**
 * An operation of another process on the same database (the CLI, a second app, another serve): announced when it
 * starts and when it finishes; views refresh after a finish that changed data ('data.changed' follows).
 */
export interface ExternalOperation {
  operationId: string;
  state: 'running' | 'finished';
  kind: string;
  actor: string;
  /** 'cli', 'ipc', 'http', … */
  via: string | null;
  host: string;
  pid: number | null;
  at: string;
  /** Finished: ok / failed / cancelled, and the error. */
  status?: string;
  error?: string | null;
  /** Finished: the tables it changed. */
  tables?: string[];
}

export interface EventMap {
  'job.progress': JobProgress;
  'data.changed': DataChanged;
  'live.state': LiveStatus;
  'sync.external': ExternalOperation;
  /** Desktop app only: a menu item was chosen; the window runs the palette's action of that id. */
  'app.command': AppCommand;
}

export type EventName = keyof EventMap;

export const EVENT_NAMES = ['job.progress', 'data.changed', 'live.state', 'sync.external', 'app.command'] as const satisfies readonly EventName[];

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}
