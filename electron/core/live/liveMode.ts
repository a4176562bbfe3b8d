import { LIVE_STREAMS, type LiveLoad, type LiveState, type LiveStatus, type LiveStreamName, type LiveStreamStatus } from '../../../shared/api/live.js';
import { AppError } from '../../../shared/errors.js';
import type { Engine, LiveControl } from '../engine.js';
import { liveSettingOn, engineSourceConfig } from '../settings/effective.js';
import { runSync } from '../sync/runSync.js';
import { watchExternalOperations, type ExternalWatcher } from './externalSync.js';
import { followStream, type StreamOptions } from './horizonStream.js';
import { LIVE_SOURCES, type LiveSource } from './liveSources.js';
import type { LoadTarget } from '../sync/types.js';
import type { PaymentRecord } from '../sources/horizon.js';
import { LoadQueue } from './loadQueue.js';

/**
 * Live mode: follows the three accounts' Horizon streams while the app or `serve` is open; a new record runs its
 * catch-up step (see liveSources.ts) as a recorded 'load' operation via 'live', whose 'data.changed' refreshes the
 * open views. It waits while a stream's table is still empty (the first catch-up or the bootstrap comes first: a
 * load would read the whole history) and re-checks when data changes. State changes go out as 'live.state'.
 */
export interface LiveModeOptions {
  /** false (serve --no-live): off, and live.set cannot turn it on. */
  available?: boolean;
  actor?: string;
  stream?: Partial<Pick<StreamOptions, 'baseDelayMs' | 'maxDelayMs' | 'idleMs' | 'sleep' | 'random'>>;
  /** Records of one ledger come together: the step runs this long after the first (default 300 ms). */
  settleMs?: number;
  /** While another process holds the catch-up lock, try again after this long (default 2 s). */
  lockRetryMs?: number;
  /** How often the operation log is read for other processes' operations (default 1 s). */
  externalPollMs?: number;
}

export class LiveMode implements LiveControl {
  private enabled: boolean;
  private reason: string | null = null;
  private running: AbortController | null = null;
  private streams = new Map<LiveStreamName, LiveStreamStatus>();
  private lastLoad: LiveLoad | null = null;
  private loadingNow = false;
  private version = 0;
  private readonly queue: LoadQueue<{ stream: LiveStreamName; target: LoadTarget }>;
  private readonly queued = new Map<string, { stream: LiveStreamName; target: LoadTarget }>();
  private settingOn: boolean;
  private readonly offChanged: () => void;
  /** Other processes' catch-ups, announced whether or not live mode follows Horizon. */
  readonly external: ExternalWatcher;

  constructor(
    private readonly engine: Engine,
    private readonly opts: LiveModeOptions = {},
  ) {
    const available = opts.available !== false;
    this.settingOn = liveSettingOn(engine.reader());
    this.enabled = available && this.settingOn;
    if (!available) this.reason = 'live mode is off in this process (serve --no-live)';
    else if (!this.enabled) this.reason = 'turned off in Settings (SC_LIVE=off)';
    this.queue = new LoadQueue((job) => this.load(job.stream, job.target), { settleMs: opts.settleMs ?? 300, retryMs: opts.lockRetryMs ?? 2000 });
    this.external = watchExternalOperations(engine, { intervalMs: opts.externalPollMs });
    this.offChanged = engine.events.on('data.changed', (c) => (c.tables.includes('app_settings') ? this.settingsChanged() : this.dataChanged()));
  }

  get available(): boolean {
    return this.opts.available !== false;
  }

  /** Starts following (when enabled); returns the status. */
  start(): LiveStatus {
    if (this.enabled && !this.running) this.follow();
    return this.notify();
  }

  setEnabled(on: boolean): LiveStatus {
    if (on && !this.available) throw new AppError('BAD_INPUT', 'Live mode cannot be turned on in this process: serve was started with --no-live.');
    this.enabled = on;
    this.reason = on ? null : 'turned off for this session';
    if (on) this.start();
    else this.halt();
    return this.notify();
  }

  loading(): boolean {
    return this.loadingNow;
  }

  status(): LiveStatus {
    return {
      version: this.version,
      state: this.state(),
      reason: this.state() === 'waiting' ? 'waiting for a first catch-up (or the published data) before following new records' : this.reason,
      available: this.available,
      streams: LIVE_STREAMS.filter((n) => this.streams.has(n)).map((n) => this.streams.get(n) as LiveStreamStatus),
      lastLoad: this.lastLoad,
    };
  }

  /** Stops everything (app quit, serve closed). */
  close(): void {
    this.external.stop();
    this.offChanged();
    this.halt();
    this.queue.close();
  }

  private state(): LiveState {
    if (!this.enabled || !this.running) return 'off';
    const all = [...this.streams.values()];
    if (all.length === 0) return 'waiting';
    if (all.every((s) => s.state === 'open')) return 'live';
    return all.some((s) => s.state === 'reconnecting') ? 'reconnecting' : 'connecting';
  }

  /** SC_LIVE turns live mode on or off; another Horizon or account: the streams reopen there. */
  private settingsChanged(): void {
    const on = liveSettingOn(this.engine.reader());
    if (on !== this.settingOn && this.available) {
      this.settingOn = on;
      this.setEnabled(on);
      if (!on) this.reason = 'turned off in Settings (SC_LIVE=off)';
      this.notify();
      return;
    }
    this.restart();
  }

  /** A first catch-up or a bootstrap gives a waiting stream its cursor: it opens then. */
  private dataChanged(): void {
    if (!this.enabled || !this.running) return;
    const reader = this.engine.reader();
    if (LIVE_SOURCES.some((s) => !this.streams.has(s.name) && s.ready(reader))) this.restart();
  }

  private restart(): void {
    if (!this.enabled) return;
    this.halt();
    this.follow();
    this.notify();
  }

  private halt(): void {
    this.running?.abort();
    this.running = null;
    this.streams.clear();
  }

  /** Opens the streams whose tables have rows; none yet: waiting. */
  private follow(): void {
    const controller = new AbortController();
    this.running = controller;
    const config = engineSourceConfig(this.engine);
    for (const source of LIVE_SOURCES) {
      if (!source.ready(this.engine.reader())) continue;
      const account = source.account(config);
      this.streams.set(source.name, { name: source.name, account, state: 'connecting', lastId: null, lastEventAt: null, connections: 0, error: null, retryAt: null });
      void followStream({
        ...this.opts.stream,
        horizonUrl: config.horizonUrl,
        account,
        signal: controller.signal,
        onRecord: (r) => this.onRecord(source, r, controller.signal),
        onState: (c) => {
          if (controller.signal.aborted) return;
          const s = this.streams.get(source.name);
          if (s) this.streams.set(source.name, { ...s, ...c });
          this.notify();
        },
      });
    }
  }

  private onRecord(source: LiveSource, record: PaymentRecord, signal: AbortSignal): void {
    if (signal.aborted) return;
    const s = this.streams.get(source.name);
    if (s) this.streams.set(source.name, { ...s, lastId: record.paging_token, lastEventAt: new Date().toISOString() });
    const target = source.targetOf(record, engineSourceConfig(this.engine));
    if (target) {
      // One queue key per step (a Set keeps keys by identity): a burst of records runs the step once.
      const key = this.queued.get(target) ?? { stream: source.name, target };
      this.queued.set(target, key);
      this.queue.add(key);
    }
    this.notify();
  }

  /** Runs a step; true when done, false to retry later (another process holds the lock). */
  private async load(stream: LiveStreamName, target: LoadTarget): Promise<boolean> {
    const at = new Date().toISOString();
    this.loadingNow = true;
    try {
      const r = await runSync(this.engine, { target, via: 'live', actor: this.opts.actor, note: `live mode: a new record on the ${stream} stream` });
      this.lastLoad = { stream, target, at, loaded: r.counts.reduce((n, c) => n + c.loaded, 0), error: null };
      return true;
    } catch (err) {
      if (err instanceof AppError && err.code === 'SYNC_RUNNING') return false;
      this.lastLoad = { stream, target, at, loaded: null, error: err instanceof Error ? err.message : String(err) };
      return true;
    } finally {
      this.loadingNow = false;
      this.notify();
    }
  }

  private notify(): LiveStatus {
    this.version++;
    const s = this.status();
    this.engine.events.emit('live.state', s);
    return s;
  }
}

/** Live mode and the external-operation watcher for an engine; live.status / live.set reach it as engine.live. */
export function startLiveMode(engine: Engine, opts: LiveModeOptions = {}): LiveMode {
  const live = new LiveMode(engine, opts);
  engine.live = live;
  live.start();
  return live;
}
