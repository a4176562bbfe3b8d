import type { z } from 'zod';
import { appMethods } from './api/app.js';
import { auditMethods } from './api/audit.js';
import { backupMethods } from './api/backup.js';
import { driftMethods } from './api/drift.js';
import { exportMethods } from './api/export.js';
import { jobsMethods } from './api/jobs.js';
import { liveMethods } from './api/live.js';
import { lookupMethods } from './api/lookup.js';
import { marksMethods } from './api/marks.js';
import { savedViewsMethods } from './api/savedViews.js';
import { proofMethods } from './api/proof.js';
import { provenanceMethods } from './api/provenance.js';
import { recentMethods } from './api/recent.js';
import { settingsMethods } from './api/settings.js';
import { signingMethods } from './api/signing.js';
import { syncMethods } from './api/sync.js';
import { viewMethods } from './api/views.js';
import type { MethodSpec } from './contractKit.js';

/**
 * The one API contract: method name → params schema → result type.
 * IPC registration, the preload bridge, the HTTP bridge and the renderer client all derive from it.
 * Domain modules in ./api/ declare their methods; this file only merges them.
 */
export const contract = {
  ...appMethods,
  ...auditMethods,
  ...backupMethods,
  ...driftMethods,
  ...exportMethods,
  ...jobsMethods,
  ...liveMethods,
  ...lookupMethods,
  ...marksMethods,
  ...savedViewsMethods,
  ...proofMethods,
  ...provenanceMethods,
  ...recentMethods,
  ...settingsMethods,
  ...signingMethods,
  ...syncMethods,
  ...viewMethods,
} satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What a caller passes (before defaults are applied). */
export type ParamsIn<K extends MethodName> = z.input<Contract[K]['params']>;
/** What a handler receives (validated, defaults applied). */
export type Params<K extends MethodName> = z.output<Contract[K]['params']>;
export type Result<K extends MethodName> = Exclude<Contract[K]['result'], undefined>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(contract, value);
}

/** The IPC channel of a method. Derived here so no other file writes channel strings. */
export function ipcChannel(name: MethodName): string {
  return `sc-api:${name}`;
}

/** The IPC channel on which the main process pushes events of the typed event map. */
export const IPC_EVENT_CHANNEL = 'sc-api:event';

/** HTTP bridge paths. */
export const HTTP_API_PREFIX = '/api/';
export const HTTP_EVENTS_PATH = '/api-events';
export const HTTP_TOKEN_HEADER = 'x-sc-token';
