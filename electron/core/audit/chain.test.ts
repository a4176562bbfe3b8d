import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { canonicalJson, chainStep, changeEntryHash, changeEntryJsonOfJson, entryHash, entryJson, GENESIS_HASH } from './chain.js';

describe('hash chain primitives', () => {
  it('canonical JSON sorts keys and writes values as stored', () => {
    expect(canonicalJson({ b: 'x"y', a: 1, c: null, d: 164821723627237383n })).toBe('{"a":1,"b":"x\\"y","c":null,"d":164821723627237383}');
  });

  it('the triggers’ fast change hash equals the generic entry hash', () => {
    const cases = [
      [7, 'op-1', 'sinking_txs', 'ab/12', 'update', '{"memo":"caf\u00e9 \\n \u0001"}', '{"toid":164821723627237383}', '2026-11-24T10:00:00.000Z'],
      [1, null, 'vcs_projects', '1360', 'insert', null, '{}', '2026-11-24T10:00:00.000Z'],
    ] as const;
    for (const [seq, op, table, key, kind, before, after, at] of cases) {
      const generic = entryHash(GENESIS_HASH, {
        seq,
        operation_id: op,
        table_name: table,
        record_key: key,
        kind,
        before_json: before,
        after_json: after,
        changed_at: at,
        entry: 'change',
      });
      expect(changeEntryHash(GENESIS_HASH, seq, op, table, key, kind, before, after, at)).toBe(generic);
    }
  });

  it("SQLite's json_quote writes every text as JSON.stringify does (the bulk writer hashes json_quote's output)", () => {
    // Every code point SQLite can store in a text (UTF-8: no lone surrogates), alone between letters and all at once.
    const points: number[] = [];
    for (let c = 0; c <= 0x10ffff; c += c < 0x10000 ? 1 : 0x3ff) if (c < 0xd800 || c > 0xdfff) points.push(c);
    points.push(0x1f600, 0x10ffff);
    const db = new Database(':memory:');
    const quote = db.prepare('SELECT json_quote(?)').pluck();
    const texts = [...points.map((c) => `a${String.fromCodePoint(c)}b`), points.map((c) => String.fromCodePoint(c)).join('')];
    const differing = texts.filter((t) => quote.get(t) !== JSON.stringify(t));
    db.close();
    expect(differing).toEqual([]);
  });

  it('the hash from JSON-written values equals the change hash', () => {
    const [seq, op, table, key, after, at] = [12, 'op-2', 'sinking_txs', 'ab', '{"memo":"x\\"y \\\\ \\u0001"}', '2026-12-01T10:00:00.000Z'];
    const fromJson = chainStep('f'.repeat(64), changeEntryJsonOfJson('12', entryJson(op), entryJson(table), entryJson(key), '"insert"', 'null', JSON.stringify(after), entryJson(at)));
    expect(fromJson).toBe(changeEntryHash('f'.repeat(64), seq, op, table, key, 'insert', null, after, at));
  });
});
