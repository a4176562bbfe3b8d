import { z } from 'zod';
import { isIsoDate } from '../isoDate.js';
import { addressProblem, type StrkeyKind } from '../strkey.js';

/**
 * Field schemas the contract's parameter schemas are made of. They are also the CLI's validators (electron/cli/
 * cliArgs.ts parses its spellings, then checks with these): one rule and one error message per kind of value.
 */

/** A calendar day 'YYYY-MM-DD', and a real one (shared/isoDate.ts). */
export const isoDate = z.string().refine(isIsoDate, { message: 'expected a real date YYYY-MM-DD' });

const TIME_OF_DAY_RE = /^T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?Z?$/;

/** A day, or a day and a UTC time ('YYYY-MM-DDTHH:MM[:SS[.sss]][Z]'): the audit trail's bounds. Same day rule. */
export const isoDateOrTime = z.string().refine((s) => isIsoDate(s.slice(0, 10)) && (s.length === 10 || TIME_OF_DAY_RE.test(s.slice(10))), {
  message: 'expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS (UTC), a real day and time',
});

/** A Stellar strkey of one of `kinds` (56 chars, valid checksum); a refusal says what is wrong with it. */
export const strkeyOf = (...kinds: StrkeyKind[]) =>
  z.string().superRefine((value, ctx) => {
    const problem = addressProblem(value, kinds);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });

export const accountId = strkeyOf('account');
/** A sale's funder or recipient: an account, or a contract since sales go through the Soroban contract. */
export const saleParty = strkeyOf('account', 'contract');

/** A transaction or block hash: 64 lowercase hex characters. */
export const hexHash = z.string().regex(/^[0-9a-f]{64}$/, 'expected a 64-char lowercase hex hash');
