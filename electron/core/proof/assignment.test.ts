import { describe, expect, it } from 'vitest';
import { saleBacking, type AssignmentRows } from './assignment.js';

const serial = (start: number, end: number) => `8040-${start}-${end}-VCU-042-MER-PE-14-1360-01072013-30062014-1`;
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const S = 'c'.repeat(64);

describe('saleBacking (serial-rule)', () => {
  it('takes kg positions from the first credit in details order and splits them over the linked blocks', () => {
    const rows: AssignmentRows = {
      // 7 credits 100..106 across blocks X (≤103) and Y (≥104); A fills 2.5 t first, then S 4 t, then B.
      retirements: [{ certificate_id: 7, serial_number: serial(100, 106), retirement_details: `stellarcarbon.io ${A} ${S} ${B}` }],
      statuses: [
        { sinking_tx_hash: B, certificate_id: 7, amount_filled: 500 },
        { sinking_tx_hash: S, certificate_id: 7, amount_filled: 4000 },
        { sinking_tx_hash: A, certificate_id: 7, amount_filled: 2500 },
      ],
      links: [
        { retirement_id: 7, block_hash: 'y' },
        { retirement_id: 7, block_hash: 'x' },
      ],
      blocks: [
        { serial_hash: 'y', block_start: 104, block_end: 110 },
        { serial_hash: 'x', block_start: 90, block_end: 103 },
      ],
    };
    // S covers kg [102500, 106500): credits 102–103 in block x (1500 kg), 104–106 in block y (2500 kg).
    expect(saleBacking(S, rows)).toEqual([
      { sale_hash: S, certificate_id: 7, block_hash: 'x', first_serial: 102, last_serial: 103, kg: 1500 },
      { sale_hash: S, certificate_id: 7, block_hash: 'y', first_serial: 104, last_serial: 106, kg: 2500 },
    ]);
    expect(saleBacking(A, rows)).toEqual([{ sale_hash: A, certificate_id: 7, block_hash: 'x', first_serial: 100, last_serial: 102, kg: 2500 }]);
  });

  it('walks retirements in certificate order and leaves out kg outside every linked block', () => {
    const rows: AssignmentRows = {
      retirements: [
        { certificate_id: 9, serial_number: serial(200, 200), retirement_details: `stellarcarbon.io ${S}` },
        { certificate_id: 8, serial_number: serial(50, 51), retirement_details: `stellarcarbon.io ${S}` },
      ],
      statuses: [
        { sinking_tx_hash: S, certificate_id: 9, amount_filled: 1000 },
        { sinking_tx_hash: S, certificate_id: 8, amount_filled: 2000 },
      ],
      links: [{ retirement_id: 8, block_hash: 'x' }],
      blocks: [{ serial_hash: 'x', block_start: 50, block_end: 50 }],
    };
    expect(saleBacking(S, rows)).toEqual([{ sale_hash: S, certificate_id: 8, block_hash: 'x', first_serial: 50, last_serial: 50, kg: 1000 }]);
  });
});
