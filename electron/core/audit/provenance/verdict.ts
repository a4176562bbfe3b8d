import type { SourceConfig } from '../../config.js';
import { toidParts } from '../../domain/toid.js';
import type { HorizonClient, JoinedOperation } from '../../sources/horizon.js';

/** A stored row as the change log wrote it: column → value (integers as decimal text, so nothing is rounded). */
export type StoredRow = Record<string, string | number | boolean | null | undefined>;

export type ProvenanceStatus = 'confirmed' | 'differs' | 'unconfirmable';

export interface Verdict {
  status: ProvenanceStatus;
  source: string;
  detail: string | null;
}

export const text = (v: unknown): string => (v === null || v === undefined ? 'null' : typeof v === 'boolean' ? (v ? '1' : '0') : String(v));

/** "carbon_amount: published 1000, source 1001; memo_value: …" — the same wording as the replay check. */
export function differingFields(stored: StoredRow, derivedRow: object, fields: readonly string[]): string | null {
  const derived = derivedRow as Record<string, unknown>;
  const parts = fields.filter((f) => text(stored[f]) !== text(derived[f])).map((f) => `${f}: published ${text(stored[f])}, source ${text(derived[f])}`);
  return parts.length ? parts.join('; ') : null;
}

export function judge(stored: StoredRow, derived: object, fields: readonly string[], source: string): Verdict {
  const diff = differingFields(stored, derived, fields);
  return diff === null ? { status: 'confirmed', source, detail: null } : { status: 'differs', source, detail: diff };
}

/** The context of one Horizon re-derivation: the settings, the history bound and a per-transaction answer cache. */
export interface HorizonCheck {
  config: SourceConfig;
  horizon: HorizonClient;
  elderLedger: number;
  /** Project ids in vcs_projects (the contract-call mapping falls back to 1360 for others). */
  knownProjects: ReadonlySet<number>;
  /** One request per transaction, however many stored rows it holds. */
  operationsOf: (hash: string) => Promise<JoinedOperation[] | null>;
}

/** Rows older than the Horizon's history cannot be asked for: listed, never a failure. */
export function beforeHistory(c: HorizonCheck, toid: StoredRow[string]): Verdict | null {
  const ledger = toidParts(BigInt(text(toid))).ledger;
  if (ledger >= c.elderLedger) return null;
  return {
    status: 'unconfirmable',
    source: `Horizon ${c.config.horizonUrl}`,
    detail: `ledger ${ledger} is older than this Horizon's history (from ledger ${c.elderLedger}); a full-history Horizon can confirm it`,
  };
}

