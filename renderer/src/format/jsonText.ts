import { parse, stringify } from 'lossless-json';

/**
 * JSON text from the audit log, shown without ever going through JSON.parse: TOIDs inside exceed 2^53 and
 * amounts must keep their digits. lossless-json keeps every number as its source text (a LosslessNumber), so a
 * re-indented text or a member's value shows the digits exactly as stored.
 */

/** The parsed value, or undefined when the text is not JSON (then it is shown as it is). */
function parsed(text: string): unknown {
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}

/** The members of a JSON object as [key, compact value text]; null when the text is not an object. */
export function objectMembers(text: string | null | undefined): [string, string][] | null {
  if (!text) return null;
  const value = parsed(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  return Object.entries(value).map(([key, member]) => [key, stringify(member) ?? 'null']);
}

/** Re-indents JSON text, leaving every number exactly as it was. */
export function prettyJson(text: string | null | undefined, indent = 2): string {
  if (!text) return '';
  const value = parsed(text);
  return value === undefined ? text : (stringify(value, null, indent) ?? text);
}

export interface DiffRow {
  key: string;
  before: string | null;
  after: string | null;
  changed: boolean;
}

/** A before/after comparison of two JSON object texts, member by member, in the order first seen. */
export function diffMembers(before: string | null, after: string | null): DiffRow[] {
  const b = new Map(objectMembers(before) ?? []);
  const a = new Map(objectMembers(after) ?? []);
  const keys = [...new Set([...b.keys(), ...a.keys()])];
  return keys.map((key) => {
    const bv = b.get(key) ?? null;
    const av = a.get(key) ?? null;
    return { key, before: bv, after: av, changed: bv !== av };
  });
}
