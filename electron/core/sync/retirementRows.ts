import { AppError } from '../../../shared/errors.js';
import { parseIsoDate } from '../domain/dates.js';
import { parseSerialNumber, serialSize } from '../domain/serialNumber.js';
import type { VerraRetirementItem } from '../sources/verra.js';
import type { RetirementRow } from '../../../shared/api/views.js';

/** A retirements row exactly as stored and as the views return it. */
export type { RetirementRow };

function int(v: unknown, label: string): number {
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new AppError('DATA_INCONSISTENT', `${label} ${JSON.stringify(v)} is not an integer`);
  return n;
}

/** Verra answers dates as 'YYYY-MM-DD' (sometimes with a time part); the database keeps the date. */
function date(v: unknown, label: string): string {
  if (typeof v !== 'string') throw new AppError('DATA_INCONSISTENT', `${label} ${JSON.stringify(v)} is not a date`);
  return parseIsoDate(v.slice(0, 10), label);
}

function text(v: unknown, label: string): string {
  if (typeof v !== 'string') throw new AppError('DATA_INCONSISTENT', `${label} is missing`);
  return v;
}

/** Maps one asset search item and checks its serial agrees with its quantity and project. */
export function retirementRow(item: VerraRetirementItem): RetirementRow {
  const row: RetirementRow = {
    certificate_id: int(item.holdingIdentifier, 'holdingIdentifier'),
    vcu_amount: int(item.quantity, 'quantity'),
    serial_number: text(item.serialNumbers, 'serialNumbers'),
    retirement_date: date(item.retireOrCancelDate, 'retireOrCancelDate'),
    retirement_beneficiary: text(item.retirementBeneficiary, 'retirementBeneficiary'),
    retirement_details: text(item.retirementDetails, 'retirementDetails'),
    vcs_project_id: int(item.resourceIdentifier, 'resourceIdentifier'),
    issuance_date: date(item.issuanceDate, 'issuanceDate'),
    instrument_type: text(item.instrumentType, 'instrumentType'),
    vintage_start: date(item.vintageStart, 'vintageStart'),
    vintage_end: date(item.vintageEnd, 'vintageEnd'),
    total_vintage_quantity: int(item.totalVintageQuantity, 'totalVintageQuantity'),
  };
  const sn = parseSerialNumber(row.serial_number);
  if (sn.projectId !== row.vcs_project_id) {
    throw new AppError('DATA_INCONSISTENT', `serial ${row.serial_number} is of project ${sn.projectId}, but the retirement is of project ${row.vcs_project_id}`);
  }
  if (serialSize(sn) !== row.vcu_amount) {
    throw new AppError('DATA_INCONSISTENT', `serial ${row.serial_number} holds ${serialSize(sn)} credits, but the retirement is of ${row.vcu_amount}`);
  }
  return row;
}
