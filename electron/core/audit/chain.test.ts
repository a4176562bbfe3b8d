import { describe, expect, it } from 'vitest';
import { canonicalJson, changeEntryHash, entryHash, GENESIS_HASH } from './chain.js';

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
});
