import { AppError } from '../../../shared/errors.js';
import { isIsoDate } from '../../../shared/isoDate.js';

/**
 * A Verra VCS serial number, e.g. `8040-449402275-449402275-VCU-042-MER-PE-14-1360-01072013-30062014-1`:
 * batch-blockStart-blockEnd-[program-]unitType-vvb-registry-country-projectType-projectId-DDMMYYYY-DDMMYYYY-additionalCert.
 * Every part is kept so that formatting gives back exactly the same text: a block's serial_hash is the sha256
 * of that text, so one changed character breaks the link between a mint and its credits.
 */
export interface SerialNumber {
  batch: string;
  blockStart: number;
  blockEnd: number;
  /** Only in the 13-part form (e.g. 'VCS'); null in the 12-part form. */
  program: string | null;
  unitType: string;
  vvb: string;
  registry: string;
  country: string;
  projectType: string;
  projectId: number;
  /** 'YYYY-MM-DD' */
  vintageStart: string;
  /** 'YYYY-MM-DD' */
  vintageEnd: string;
  additionalCert: string;
}

// No leading zeros: a number printed back must be the same text.
const CANONICAL_INT = /^(0|[1-9]\d{0,14})$/;
const DDMMYYYY = /^(\d{2})(\d{2})(\d{4})$/;

function bad(s: string, why: string): AppError {
  return new AppError('BAD_INPUT', `serial number ${JSON.stringify(s)}: ${why}`);
}

function intPart(s: string, part: string, name: string): number {
  if (!CANONICAL_INT.test(part)) throw bad(s, `${name} ${JSON.stringify(part)} is not a plain integer`);
  return Number(part);
}

function vintage(s: string, part: string, name: string): string {
  const m = DDMMYYYY.exec(part);
  const iso = m ? `${m[3]}-${m[2]}-${m[1]}` : '';
  if (!isIsoDate(iso)) throw bad(s, `${name} ${JSON.stringify(part)} is not a date DDMMYYYY`);
  return iso;
}

function ddmmyyyy(iso: string): string {
  return `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(0, 4)}`;
}

export function parseSerialNumber(s: string): SerialNumber {
  const parts = s.split('-');
  if (parts.length !== 12 && parts.length !== 13) throw bad(s, `has ${parts.length} parts, expected 12 or 13`);
  if (parts.some((p) => p === '')) throw bad(s, 'has an empty part');
  const [batch, start, end] = parts as [string, string, string];
  const program = parts.length === 13 ? (parts[3] as string) : null;
  const rest = parts.slice(parts.length === 13 ? 4 : 3) as [string, string, string, string, string, string, string, string, string];
  const [unitType, vvb, registry, country, projectType, projectId, vStart, vEnd, additionalCert] = rest;
  const sn: SerialNumber = {
    batch,
    blockStart: intPart(s, start, 'block start'),
    blockEnd: intPart(s, end, 'block end'),
    program,
    unitType,
    vvb,
    registry,
    country,
    projectType,
    projectId: intPart(s, projectId, 'project id'),
    vintageStart: vintage(s, vStart, 'vintage start'),
    vintageEnd: vintage(s, vEnd, 'vintage end'),
    additionalCert,
  };
  if (sn.blockEnd < sn.blockStart) throw bad(s, 'block end is before block start');
  return sn;
}

export function formatSerialNumber(sn: SerialNumber): string {
  return [
    sn.batch,
    String(sn.blockStart),
    String(sn.blockEnd),
    ...(sn.program === null ? [] : [sn.program]),
    sn.unitType,
    sn.vvb,
    sn.registry,
    sn.country,
    sn.projectType,
    String(sn.projectId),
    ddmmyyyy(sn.vintageStart),
    ddmmyyyy(sn.vintageEnd),
    sn.additionalCert,
  ].join('-');
}

/** The same batch with another credit range: how a partly retired block's serial is reconstructed. */
export function withBlockRange(sn: SerialNumber, blockStart: number, blockEnd: number): SerialNumber {
  if (!Number.isSafeInteger(blockStart) || !Number.isSafeInteger(blockEnd) || blockStart < 0 || blockEnd < blockStart) {
    throw new AppError('BAD_INPUT', `invalid block range ${blockStart}-${blockEnd} for serial ${formatSerialNumber(sn)}`);
  }
  return { ...sn, blockStart, blockEnd };
}

/** Number of credits in the range (both ends inclusive). */
export function serialSize(sn: SerialNumber): number {
  return sn.blockEnd - sn.blockStart + 1;
}
