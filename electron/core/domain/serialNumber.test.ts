import { describe, expect, it } from 'vitest';
import { sha256Hex } from './hash.js';
import { formatSerialNumber, parseSerialNumber, serialSize, withBlockRange } from './serialNumber.js';

const S12 = '8040-449402277-449402300-VCU-042-MER-PE-14-1360-01072013-30062014-1';
const S13 = '15587-702210432-702210441-VCS-VCU-263-VER-CN-1-1529-01012019-31122019-0';

describe('serial numbers', () => {
  it('parses the 12-part form', () => {
    const sn = parseSerialNumber(S12);
    expect(sn).toMatchObject({
      batch: '8040',
      blockStart: 449402277,
      blockEnd: 449402300,
      program: null,
      unitType: 'VCU',
      projectId: 1360,
      vintageStart: '2013-07-01',
      vintageEnd: '2014-06-30',
      additionalCert: '1',
    });
    expect(serialSize(sn)).toBe(24);
    expect(formatSerialNumber(sn)).toBe(S12);
  });
  it('parses the 13-part form with a program code', () => {
    const sn = parseSerialNumber(S13);
    expect(sn.program).toBe('VCS');
    expect(sn.projectId).toBe(1529);
    expect(formatSerialNumber(sn)).toBe(S13);
  });
  it('reconstructs a sub-range whose hash matches the published block', () => {
    const sn = withBlockRange(parseSerialNumber(S12), 449402275, 449402275);
    expect(formatSerialNumber(sn)).toBe('8040-449402275-449402275-VCU-042-MER-PE-14-1360-01072013-30062014-1');
    expect(sha256Hex(formatSerialNumber(sn))).toBe('016023e64fefb1304a73aeab0877db032d7feceff25e390c00cf15d3fc4cfb79');
    expect(() => withBlockRange(sn, 5, 4)).toThrow();
  });
  it('refuses malformed serials', () => {
    for (const bad of [
      '',
      '8040-1-2-VCU',
      '8040-2-1-VCU-042-MER-PE-14-1360-01072013-30062014-1',
      '8040-01-2-VCU-042-MER-PE-14-1360-01072013-30062014-1',
      '8040-1-2-VCU-042-MER-PE-14-1360-31022013-30062014-1',
      '8040-1-2-VCU-042-MER-PE-14-x-01072013-30062014-1',
      '8040-1-2-VCU--MER-PE-14-1360-01072013-30062014-1',
    ]) {
      expect(() => parseSerialNumber(bad), bad).toThrow(/serial number/);
    }
  });
});
