/** Every row of a keyset-paged list, page after page from the first, following nextCursor to the end. */
export function walkPages<R, C>(list: (cursor: C | undefined) => { rows: R[]; nextCursor: C | null }): R[] {
  const seen: R[] = [];
  let cursor: C | undefined;
  for (let i = 0; i < 10_000; i++) {
    const page = list(cursor);
    seen.push(...page.rows);
    if (page.nextCursor === null) return seen;
    cursor = page.nextCursor;
  }
  throw new Error('the pages did not end');
}
