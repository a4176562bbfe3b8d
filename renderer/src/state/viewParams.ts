import { accountIdProblem, dateProblem, positiveIntProblem, saleAddressProblem, validOr } from '../format/validate';
import { type SortOrder, triState } from './tableState';

/**
 * A view's URL filters → the API params of its list method (also the export's filters, so the table and the
 * exported file always hold the same rows). Invalid or empty values are left out, never sent.
 */
function compact(p: Record<string, unknown>): Record<string, unknown> {
  for (const k of Object.keys(p)) if (p[k] === undefined) delete p[k];
  return p;
}

export function sinkParams(filters: Record<string, string>, order: SortOrder): Record<string, unknown> {
  return compact({
    funder: validOr(filters.funder, saleAddressProblem, (v) => v),
    recipient: validOr(filters.recipient, saleAddressProblem, (v) => v),
    fromDate: validOr(filters.from, dateProblem, (v) => v),
    beforeDate: validOr(filters.before, dateProblem, (v) => v),
    finalized: triState(filters.finalized),
    memo: filters.memo ? filters.memo.slice(0, 64) : undefined,
    order,
  });
}

export function retirementParams(filters: Record<string, string>, order: SortOrder): Record<string, unknown> {
  return compact({
    beneficiary: filters.beneficiary || undefined,
    fromDate: validOr(filters.from, dateProblem, (v) => v),
    beforeDate: validOr(filters.before, dateProblem, (v) => v),
    project: validOr(filters.project, positiveIntProblem, Number),
    order,
  });
}

export function distributionParams(filters: Record<string, string>, order: SortOrder): Record<string, unknown> {
  return compact({
    recipient: validOr(filters.recipient, accountIdProblem, (v) => v),
    fromDate: validOr(filters.from, dateProblem, (v) => v),
    beforeDate: validOr(filters.before, dateProblem, (v) => v),
    order,
  });
}

export function inventoryParams(filters: Record<string, string>): { omitEmpty: boolean; untilDate?: string } {
  const untilDate = validOr(filters.asof, dateProblem, (v) => v);
  return { omitEmpty: filters.omitEmpty === 'yes', ...(untilDate ? { untilDate } : {}) };
}
