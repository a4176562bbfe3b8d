import { AppError } from '../../../shared/errors.js';
import type { HttpClient } from './http.js';
import { hasPoolTable, parseCarbonPoolReport, type CarbonPoolState } from './poolReport.js';

/** One item of Verra's asset search answer (the fields the catch-up maps to retirement columns). */
export interface VerraRetirementItem {
  holdingIdentifier: string | number;
  quantity: number;
  serialNumbers: string;
  retireOrCancelDate: string;
  retirementBeneficiary: string | null;
  retirementDetails: string | null;
  resourceIdentifier: string | number;
  issuanceDate: string;
  instrumentType: string;
  vintageStart: string;
  vintageEnd: string;
  totalVintageQuantity: number;
  [other: string]: unknown;
}

interface SearchAnswer {
  totalCount?: number;
  countExceeded?: boolean;
  value?: VerraRetirementItem[];
}

export interface RetirementSearchResult {
  items: VerraRetirementItem[];
  totalCount: number;
  /** Verra's own flag that it stopped counting; reported, since then totalCount is a lower bound. */
  countExceeded: boolean;
  pages: number;
}

/** Exactly sc-audit's request: the registry is picky about these, so they are not "tidied". */
export const SEARCH_BODY = { program: 'VCS', assetStatus: 'RETIRED', issuanceTypeCodes: ['ISSUE'] };
export const PAGE_SIZE = 2000;
/** sc-audit's headers: the registry's front end answers browsers, so we ask like one. */
export const VERRA_HEADERS = {
  'accept-language': 'en-US,en;q=0.5',
  'user-agent': 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0',
};
export const CARBON_POOL_SUB_ACCOUNT = 11273;

export function retirementFilter(fromDate: string | null): string {
  const base = "startswith(retirementDetails,'stellarcarbon')";
  return fromDate ? `(${base} and retireOrCancelDate ge ${fromDate}T00:00:00.000Z)` : base;
}

export function searchUrl(base: string, fromDate: string | null, skip: number): string {
  // URLSearchParams would encode '$' and spaces differently from httpx; Verra accepts either, but we keep '$' bare.
  const q = [
    `maxResults=${PAGE_SIZE}`,
    `$filter=${encodeURIComponent(retirementFilter(fromDate))}`,
    '$count=true',
    '$orderby=',
    `$skip=${skip}`,
  ].join('&');
  return `${base}?${q}`;
}

export class VerraClient {
  requests = 0;

  constructor(
    private readonly searchBase: string,
    private readonly reportBase: string,
    private readonly http: HttpClient,
  ) {}

  /**
   * All Stellarcarbon retirements (optionally from a date, inclusive). Pages with $skip until totalCount items are
   * in hand or a page comes back empty; sc-audit stops after the first 2000.
   */
  async retirements(fromDate: string | null): Promise<RetirementSearchResult> {
    const items: VerraRetirementItem[] = [];
    let totalCount = 0;
    let countExceeded = false;
    let pages = 0;
    const seen = new Set<string>();
    for (;;) {
      const url = searchUrl(this.searchBase, fromDate, items.length);
      this.requests++;
      const res = await this.http.postJson<SearchAnswer>(url, SEARCH_BODY, { ...VERRA_HEADERS, referer: 'https://registry.verra.org/app/search/VCS' });
      pages++;
      const value = res.body?.value;
      if (!Array.isArray(value)) throw new AppError('SOURCE_ERROR', `Verra asset search ${url}: the answer has no "value" list`);
      totalCount = Number(res.body.totalCount ?? 0);
      countExceeded ||= res.body.countExceeded === true;
      const fresh = value.filter((v) => !seen.has(String(v.holdingIdentifier)));
      fresh.forEach((v) => seen.add(String(v.holdingIdentifier)));
      items.push(...fresh);
      // A registry that ignores $skip would hand back the same page forever.
      if (value.length === 0 || fresh.length === 0 || (items.length >= totalCount && !countExceeded)) break;
    }
    // Paging stopped short (a page came back empty or repeated an earlier one). Storing the part would lose the
    // rest for good: the next run restarts from the newest stored date, so older missing items are never asked for.
    if (!countExceeded && items.length < totalCount) {
      throw new AppError(
        'SOURCE_ERROR',
        `Verra asset search ${this.searchBase}: got ${items.length} of the ${totalCount} retirements it counted (page ${pages} was empty or repeated an earlier page); nothing was stored, try again`,
      );
    }
    return { items, totalCount, countExceeded, pages };
  }

  /** The carbon pool report of sub-account 11273, parsed into its batches. */
  async carbonPool(subAccount = CARBON_POOL_SUB_ACCOUNT): Promise<CarbonPoolState> {
    const url = `${this.reportBase}?r=205&idSubAccount=${subAccount}`;
    this.requests++;
    const res = await this.http.getText(url, { ...VERRA_HEADERS, referer: 'https://www.stellarcarbon.io/' });
    if (!hasPoolTable(res.body)) {
      const title = /<title[^>]*>([^<]{0,80})/i.exec(res.body)?.[1]?.trim();
      throw new AppError(
        'SOURCE_ERROR',
        `Verra carbon pool report ${url}: the page has no table with a "Serial Number" header (${res.body.length} bytes${title ? `, title ${JSON.stringify(title)}` : ''}); Verra may be down for maintenance, try again later`,
      );
    }
    return parseCarbonPoolReport(res.body);
  }
}
