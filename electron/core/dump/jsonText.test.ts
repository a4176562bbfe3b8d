import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasShared, sharedFixture } from '../../testkit/sharedDir.js';
import { jsonDecimal, jsonString, plainNumberText } from './jsonText.js';
import { DUMP_TABLES } from '../db/schema.js';

describe('dump JSON text', () => {
  it('escapes like pandas: non-ASCII as lowercase \\u, surrogate pairs, slash', () => {
    expect(jsonString('natgas 555 m\u00b3')).toBe('"natgas 555 m\\u00b3"');
    expect(jsonString('🌍')).toBe('"\\ud83c\\udf0d"');
    expect(jsonString('a/b "q" \\ \n\t\u0001')).toBe('"a\\/b \\"q\\" \\\\ \\n\\t\\u0001"');
  });
  it('writes decimals as pandas floats, from exact text', () => {
    expect(jsonDecimal('1.000')).toBe('1.0');
    expect(jsonDecimal('3.015')).toBe('3.015');
    expect(jsonDecimal('15.0999867')).toBe('15.0999867');
    expect(jsonDecimal('0.0000007')).toBe('0.0000007');
    expect(jsonDecimal('12')).toBe('12.0');
  });
  it('expands exponents exactly', () => {
    expect(plainNumberText('7e-07')).toBe('0.0000007');
    expect(plainNumberText('1.5E+2')).toBe('150');
    expect(plainNumberText('2236.6785284')).toBe('2236.6785284');
    expect(plainNumberText('0.5e1')).toBe('5');
    expect(plainNumberText('1e999')).toBeNull();
    expect(plainNumberText('abc')).toBeNull();
  });
});

/**
 * Where our check is wider than the published columns.json (written before sales went through the Soroban
 * contract): a sale's funder and recipient may be a contract (C…) as well as an account (G…).
 */
const WIDENED: Readonly<Record<string, { from: string; to: string }>> = {
  'sinking_txs.funder': { from: 'g_strkey', to: 'gc_strkey' },
  'sinking_txs.recipient': { from: 'g_strkey', to: 'gc_strkey' },
};

describe.skipIf(!hasShared)('column kinds', () => {
  it('match the published columns.json, in dump order', () => {
    const spec = JSON.parse(fs.readFileSync(sharedFixture('sc-data', 'columns.json'), 'utf8')) as {
      tables: Record<string, { primary_key: string[]; columns: { name: string; kind: string; nullable: boolean }[] }>;
    };
    for (const [table, t] of Object.entries(DUMP_TABLES)) {
      const s = spec.tables[table];
      expect(s, table).toBeDefined();
      const published = s?.columns.map((c) => {
        const widened = WIDENED[`${table}.${c.name}`];
        return [c.name, widened?.from === c.kind ? widened.to : c.kind, c.nullable];
      });
      expect(t.columns.map((c) => [c.name, c.kind, c.nullable])).toEqual(published);
      expect(t.primaryKey).toEqual(s?.primary_key);
    }
  });
});
