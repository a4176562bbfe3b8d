import { z } from 'zod';
import { method } from '../contractKit.js';

/**
 * The command palette's search (issue 16): a sale, retirement, block or account by the start of its hash, id or
 * address. Index ranges only (a prefix of a primary key or of an indexed column), so it answers at once at 1M sales.
 */
export const LOOKUP_KINDS = ['sale', 'retirement', 'block', 'funder', 'recipient'] as const;
export type LookupKind = (typeof LOOKUP_KINDS)[number];

export interface LookupHit {
  kind: LookupKind;
  /** The record's key: a tx hash, a certificate id, a block's serial hash, an address. */
  key: string;
  /** One line about it, e.g. "2024-10-13 · 0.100 t" (amounts as exact decimal text). */
  detail: string;
}

export const lookupMethods = {
  'views.lookup': method<LookupHit[]>()(
    z
      .object({
        text: z
          .string()
          .trim()
          .min(2, 'type at least 2 characters')
          .max(64)
          .regex(/^[A-Za-z0-9]+$/, 'a hash, an id or an address: letters and digits only'),
        limit: z.number().int().min(1).max(20).default(8),
      })
      .strict(),
  ),
};
