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

/** Each retirements column: the asset search field it is read from and how (shared by the loader and the drift check). */
export const RETIREMENT_COLUMNS_FROM_VERRA = {
  certificate_id: ['holdingIdentifier', int],
  vcu_amount: ['quantity', int],
  serial_number: ['serialNumbers', text],
  retirement_date: ['retireOrCancelDate', date],
  retirement_beneficiary: ['retirementBeneficiary', text],
  retirement_details: ['retirementDetails', text],
  vcs_project_id: ['resourceIdentifier', int],
  issuance_date: ['issuanceDate', date],
  instrument_type: ['instrumentType', text],
  vintage_start: ['vintageStart', date],
  vintage_end: ['vintageEnd', date],
  total_vintage_quantity: ['totalVintageQuantity', int],
} as const satisfies Record<keyof RetirementRow, readonly [keyof VerraRetirementItem, (v: unknown, label: string) => string | number]>;

/** Maps one asset search item and checks its serial agrees with its quantity and project. */
export function retirementRow(item: VerraRetirementItem): RetirementRow {
  const row = Object.fromEntries(
    Object.entries(RETIREMENT_COLUMNS_FROM_VERRA).map(([column, [field, read]]) => [column, read(item[field], field)]),
  ) as unknown as RetirementRow;
  const sn = parseSerialNumber(row.serial_number);
  if (sn.projectId !== row.vcs_project_id) {
    throw new AppError('DATA_INCONSISTENT', `serial ${row.serial_number} is of project ${sn.projectId}, but the retirement is of project ${row.vcs_project_id}`);
  }
  if (serialSize(sn) !== row.vcu_amount) {
    throw new AppError('DATA_INCONSISTENT', `serial ${row.serial_number} holds ${serialSize(sn)} credits, but the retirement is of ${row.vcu_amount}`);
  }
  return row;
}
