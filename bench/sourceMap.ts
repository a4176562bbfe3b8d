/**
 * Positions in a bundle back to their sources, from the bundle's source map (v3): enough for the profile summary
 * (bench/profileScroll.ts), without a source-map library.
 */
interface SourceMapV3 {
  sources: string[];
  names?: string[];
  mappings: string;
}

/** A source position: the file as the map names it, its 1-based line, and the original name when the map has it. */
export interface SourcePosition {
  source: string;
  line: number;
  name?: string;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = B64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/** A lookup of (0-based line, 0-based column) in the bundle: the mapping at or before that column on that line. */
export function sourceMapLookup(map: SourceMapV3): (line: number, column: number) => SourcePosition | null {
  // Per generated line: [column, source, line, name] of each segment, columns ascending.
  const lines: number[][][] = [];
  let source = 0;
  let srcLine = 0;
  let name = 0;
  for (const text of map.mappings.split(';')) {
    let column = 0;
    const segments: number[][] = [];
    for (const seg of text.split(',')) {
      if (!seg) continue;
      const [dc = 0, ds, dl, , dn] = decodeVlq(seg);
      column += dc;
      if (ds === undefined || dl === undefined) continue;
      source += ds;
      srcLine += dl;
      if (dn !== undefined) name += dn;
      segments.push([column, source, srcLine, dn === undefined ? -1 : name]);
    }
    lines.push(segments);
  }
  return (line, column) => {
    const segments = lines[line] ?? [];
    let found: number[] | undefined;
    for (const s of segments) {
      if ((s[0] ?? 0) > column) break;
      found = s;
    }
    if (!found) return null;
    const [, src = 0, l = 0, n = -1] = found;
    const original = n >= 0 ? map.names?.[n] : undefined;
    return { source: map.sources[src] ?? '?', line: l + 1, ...(original ? { name: original } : {}) };
  };
}
