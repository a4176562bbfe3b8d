/**
 * JSON text from the audit log, shown without ever going through JSON.parse: TOIDs inside exceed 2^53 and
 * amounts must keep their digits. A small scanner re-indents the text and splits an object into its members,
 * each member's value kept as its exact source text.
 */

/** Index just past the JSON value starting at i (string, number, literal, object or array). */
function skipValue(text: string, i: number): number {
  const ch = text[i];
  if (ch === '"') {
    let j = i + 1;
    while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    return j + 1;
  }
  if (ch === '{' || ch === '[') {
    let depth = 0;
    let j = i;
    while (j < text.length) {
      const c = text[j];
      if (c === '"') {
        j = skipValue(text, j);
        continue;
      }
      if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return j;
  }
  let j = i;
  while (j < text.length && !/[,}\]\s]/.test(text[j] ?? '')) j++;
  return j;
}

function skipWs(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  return i;
}

/** The members of a JSON object as [key, raw value text]; null when the text is not an object. */
export function objectMembers(text: string | null | undefined): [string, string][] | null {
  if (!text) return null;
  let i = skipWs(text, 0);
  if (text[i] !== '{') return null;
  i = skipWs(text, i + 1);
  const out: [string, string][] = [];
  while (i < text.length && text[i] !== '}') {
    if (text[i] !== '"') return null;
    const keyEnd = skipValue(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipWs(text, keyEnd);
    if (text[i] !== ':') return null;
    i = skipWs(text, i + 1);
    const valueEnd = skipValue(text, i);
    out.push([key, text.slice(i, valueEnd)]);
    i = skipWs(text, valueEnd);
    if (text[i] === ',') i = skipWs(text, i + 1);
  }
  return out;
}

/** Re-indents JSON text, leaving every token (numbers above all) exactly as it was. */
export function prettyJson(text: string | null | undefined, indent = 2): string {
  if (!text) return '';
  let out = '';
  let depth = 0;
  let i = 0;
  const nl = () => `\n${' '.repeat(depth * indent)}`;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '"') {
      const end = skipValue(text, i);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      const next = skipWs(text, i + 1);
      if (text[next] === close) {
        out += c + close;
        i = next + 1;
        continue;
      }
      depth++;
      out += c + nl();
    } else if (c === '}' || c === ']') {
      depth = Math.max(0, depth - 1);
      out += nl() + c;
    } else if (c === ',') {
      out += ',' + nl();
    } else if (c === ':') {
      out += ': ';
    } else {
      out += c;
    }
    i++;
  }
  return out;
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
