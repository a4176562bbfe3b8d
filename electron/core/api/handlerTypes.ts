import type { MethodName, Params, Result } from '../../../shared/contract.js';
import type { Engine } from '../engine.js';

export interface CallContext {
  /** Who called: 'ipc', 'http' or 'cli'; recorded by the audit log. */
  via: 'ipc' | 'http' | 'cli' | 'test';
  /** Aborted when the caller goes away or asks to cancel. */
  signal?: AbortSignal;
}

export type Handler<K extends MethodName> = (params: Params<K>, ctx: CallContext) => Result<K> | Promise<Result<K>>;

/** One handler per contract method; the type checker refuses a missing or extra one. */
export type Handlers = { [K in MethodName]: Handler<K> };

/** A domain module's slice of the handlers, built from the engine. */
export type HandlerSlice<K extends MethodName> = (engine: Engine) => { [P in K]: Handler<P> };
