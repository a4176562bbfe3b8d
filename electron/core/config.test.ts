import { describe, expect, it } from 'vitest';
import { DEFAULT_SOURCE_CONFIG, loadSourceConfig } from './config.js';

describe('source config', () => {
  it('uses sc-audit’s defaults', () => {
    const c = loadSourceConfig({});
    expect(c).toEqual(DEFAULT_SOURCE_CONFIG);
    expect(c.firstSinkCursor).toBe(164821723627237376n);
  });

  it('reads env names, then lets overrides (stored settings) win; blanks are ignored', () => {
    const c = loadSourceConfig(
      { SC_HORIZON_URL: 'https://h.example/', SC_FIRST_MINT_CURSOR: '169362461836423170', SC_VERRA_REPORT_URL: '  ' },
      { SC_HORIZON_URL: 'http://127.0.0.1:8000' },
    );
    expect(c.horizonUrl).toBe('http://127.0.0.1:8000');
    expect(c.firstMintCursor).toBe(169362461836423170n);
    expect(c.verraReportUrl).toBe(DEFAULT_SOURCE_CONFIG.verraReportUrl);
  });

  it('names the setting that is wrong', () => {
    expect(() => loadSourceConfig({ SC_SINK_ISSUER_PUB: 'GNOPE' })).toThrow(/SC_SINK_ISSUER_PUB/);
    expect(() => loadSourceConfig({ SC_FIRST_SINK_CURSOR: '1.5' })).toThrow(/SC_FIRST_SINK_CURSOR/);
    expect(() => loadSourceConfig({ SC_HORIZON_URL: 'ftp://x' })).toThrow(/SC_HORIZON_URL/);
  });
});
