import { z } from 'zod';
import { method } from '../contractKit.js';

/**
 * Live mode (issue 16): while the app or `serve` is open, Horizon's streams of the three accounts are followed and
 * each new record runs its catch-up step (a recorded 'load' operation via 'live'); open views refresh on the
 * 'data.changed' that follows. Catch-ups run by another process (the CLI, a second app) are announced as
 * 'sync.external' events.
 */
export const LIVE_STREAMS = ['sinks', 'distribution', 'mints'] as const;
export type LiveStreamName = (typeof LIVE_STREAMS)[number];

/**
 * live: every stream connected; connecting / reconnecting: at least one is not (yet); waiting: no first catch-up
 * yet (a live load would read the whole history: a catch-up or the bootstrap comes first); off: not following.
 */
export type LiveState = 'live' | 'connecting' | 'reconnecting' | 'waiting' | 'off';
export type StreamState = 'connecting' | 'open' | 'reconnecting' | 'stopped';

export interface LiveStreamStatus {
  name: LiveStreamName;
  /** The account whose payments are followed. */
  account: string;
  state: StreamState;
  /** The paging token of the last record received (a reconnect resumes after it); null: none yet ('now'). */
  lastId: string | null;
  lastEventAt: string | null;
  /** Connections opened (each counts as one request against Horizon's rate limit). */
  connections: number;
  /** The last connection error, with its source (e.g. "Horizon https://…: HTTP 503"); null after a good connect. */
  error: string | null;
  /** When the next reconnect is tried (UTC ISO), while reconnecting. */
  retryAt: string | null;
}

export interface LiveLoad {
  stream: LiveStreamName;
  /** The catch-up step it ran (`load <target>`). */
  target: string;
  at: string;
  /** Rows the step loaded (0: the record was already stored, e.g. by a catch-up). */
  loaded: number | null;
  error: string | null;
}

export interface LiveStatus {
  /**
   * Rises with every change: a window keeps the newest it has seen (a call's answer may arrive after a later
   * 'live.state' event).
   */
  version: number;
  state: LiveState;
  /** Why live mode is off, or what it waits for; null when live. */
  reason: string | null;
  /** false under `serve --no-live` and in processes without live mode: the toggle cannot turn it on. */
  available: boolean;
  streams: LiveStreamStatus[];
  /** The last step a live record ran (its outcome). */
  lastLoad: LiveLoad | null;
}

export const liveMethods = {
  'live.status': method<LiveStatus>()(z.object({}).strict()),
  /** Turns live mode on or off for this session (the default at start is the SC_LIVE setting). */
  'live.set': method<LiveStatus>()(z.object({ enabled: z.boolean() }).strict()),
};
