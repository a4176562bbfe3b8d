import { describe, expect, it } from 'vitest';
import { historyGapLine, provenanceSentence, provenanceTone } from './provenance';

const summary = { bootstrapped: 128, confirmed: 120, differs: 0, unconfirmable: 8, unchecked: 0, lastCheckedAt: null };

describe('provenance texts', () => {
  it('says how many bootstrapped rows the sources confirmed', () => {
    expect(provenanceSentence(summary)).toBe('120 of 128 bootstrapped rows confirmed against Horizon and Verra, 8 unconfirmable');
    expect(provenanceSentence({ ...summary, bootstrapped: 1, confirmed: 1, unconfirmable: 0 })).toBe('1 of 1 bootstrapped row confirmed against Horizon and Verra, 0 unconfirmable');
  });
  it('tones: differs fail, open rows are findings, all confirmed pass', () => {
    expect(provenanceTone({ ...summary, differs: 1 })).toBe('danger');
    expect(provenanceTone(summary)).toBe('warn');
    expect(provenanceTone({ ...summary, unconfirmable: 0, confirmed: 128 })).toBe('ok');
  });
  it('names a history gap by stream, ledgers, dates and Horizon', () => {
    const gap = {
      stream: 'minted-blocks' as const,
      fromLedger: 1000,
      toLedger: 2000,
      fromDate: '2021-05-01T10:00:00',
      toDate: null,
      horizonUrl: 'https://horizon.stellar.org',
      noticedAt: '2026-01-01T00:00:00',
    };
    expect(historyGapLine(gap)).toBe('History gap: minted-blocks ledgers 1000–2000 (2021-05-01 to ?) not held by https://horizon.stellar.org');
  });
});
