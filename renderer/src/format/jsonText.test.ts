import { describe, expect, it } from 'vitest';
import { diffMembers, objectMembers, prettyJson } from './jsonText';

const TOID = '164821723627237383';

describe('lossless JSON display', () => {
  it('splits an object into members with exact raw values', () => {
    expect(objectMembers(`{"toid":${TOID},"amount":"3.015","n":null,"x":{"a":[1,2]},"s":"a\\"b,}"}`)).toEqual([
      ['toid', TOID],
      ['amount', '"3.015"'],
      ['n', 'null'],
      ['x', '{"a":[1,2]}'],
      ['s', '"a\\"b,}"'],
    ]);
    expect(objectMembers('[1]')).toBeNull();
    expect(objectMembers(null)).toBeNull();
  });
  it('re-indents without touching numbers', () => {
    const pretty = prettyJson(`{"toid":${TOID},"list":[1,{"a":"x, y"}],"e":{}}`);
    expect(pretty).toBe(`{\n  "toid": ${TOID},\n  "list": [\n    1,\n    {\n      "a": "x, y"\n    }\n  ],\n  "e": {}\n}`);
    expect(pretty).toContain(TOID);
  });
  it('diffs before and after member by member', () => {
    expect(diffMembers('{"a":1,"b":2}', '{"a":1,"b":3,"c":4}')).toEqual([
      { key: 'a', before: '1', after: '1', changed: false },
      { key: 'b', before: '2', after: '3', changed: true },
      { key: 'c', before: null, after: '4', changed: true },
    ]);
    expect(diffMembers(null, '{"a":1}')).toEqual([{ key: 'a', before: null, after: '1', changed: true }]);
  });
});
