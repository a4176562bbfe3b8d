import { describe, expect, it } from 'vitest';
import { neutraliseFormula, toCsv, toTextTable } from './format.js';

describe('CSV', () => {
  const t = {
    columns: ['a', 'b', 'c'],
    rows: [
      { a: 'x,y', b: 'say "hi"', c: 1.5 },
      { a: 'line\nbreak', b: null, c: -2 },
      { a: '=HYPERLINK("http://evil")', b: '-0.932', c: true },
      { a: '+1', b: '@SUM(A1)', c: '\tx' },
      { a: '-2+3+cmd', b: 'plain', c: null },
    ],
  };
  it('quotes as RFC 4180 and neutralises formulas', () => {
    expect(toCsv(t)).toBe(
      'a,b,c\r\n' +
        '"x,y","say ""hi""",1.5\r\n' +
        '"line\nbreak",,-2\r\n' +
        `"'=HYPERLINK(""http://evil"")",-0.932,true\r\n` +
        "'+1,'@SUM(A1),'\tx\r\n" +
        "'-2+3+cmd,plain,\r\n",
    );
  });
  it('keeps cells as they are with raw', () => {
    expect(toCsv(t, { raw: true }).split('\r\n')[3]).toBe('"=HYPERLINK(""http://evil"")",-0.932,true');
  });
  it('neutralises only what a spreadsheet would evaluate', () => {
    expect(neutraliseFormula('-12.5')).toBe('-12.5');
    expect(neutraliseFormula('\rX')).toBe("'\rX");
    expect(neutraliseFormula('GABC')).toBe('GABC');
  });
});

describe('text table', () => {
  it('aligns columns, right-aligns numbers and prints the dimensions', () => {
    const out = toTextTable({ columns: ['name', 'n'], rows: [{ name: 'a', n: 5 }, { name: 'long\nname', n: 123 }] });
    expect(out).toBe('name         n\n---------  ---\na            5\nlong name  123\n\n[2 rows x 2 columns]\n');
  });
});
