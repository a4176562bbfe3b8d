import type { z } from 'zod';
import type { Contract } from '../../../shared/contract';
import type { MethodSpec } from '../../../shared/contractKit';
import type { auditMethods } from '../../../shared/api/audit';
import type { backupMethods } from '../../../shared/api/backup';
import type { exportMethods } from '../../../shared/api/export';
import type { jobsMethods } from '../../../shared/api/jobs';
import type { settingsMethods } from '../../../shared/api/settings';
import type { viewMethods } from '../../../shared/api/views';
import type { PendingMethods, PendingSpec } from './pending';

/**
 * Every method the renderer may call: the merged contract, the domain files not merged into it yet, and the
 * pending declarations for names nobody has declared yet. A real declaration always wins over a pending one.
 */
type Declared = Contract & typeof viewMethods & typeof auditMethods & typeof jobsMethods & typeof settingsMethods & typeof exportMethods & typeof backupMethods;
export type AllMethods = Declared & Omit<PendingMethods, keyof Declared>;
export type AnyMethodName = keyof AllMethods & string;

export type CallParams<K extends AnyMethodName> =
  AllMethods[K] extends MethodSpec<infer P, unknown> ? z.input<P> : AllMethods[K] extends PendingSpec<infer I, unknown> ? I : never;

export type CallResult<K extends AnyMethodName> =
  AllMethods[K] extends PendingSpec<unknown, infer O>
    ? O
    : AllMethods[K] extends { result?: infer R }
      ? Exclude<R, undefined>
      : never;
