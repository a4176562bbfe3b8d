/**
 * One page of a keyset-paged list, for every list in the contract. `nextCursor` is the last row's key: pass it
 * back (as the list's cursor parameter) for the next page; null when this page is the last. Views keyed by TOID
 * use decimal strings (TOIDs exceed 2^53), the others their integer key (certificate id, audit seq).
 */
export interface Page<T, Cursor extends string | number = string> {
  rows: T[];
  nextCursor: Cursor | null;
}
