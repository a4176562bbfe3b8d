import type { Page } from '@playwright/test';
import type { ServeHandle } from './serveProcess';

/** One API call through the bridge with the page's token: the reference values a test compares the UI with. */
export async function apiCall<T>(serve: ServeHandle, page: Page, name: string, params: object = {}): Promise<T> {
  const res = await page.request.post(`${serve.origin}/api/${name}`, { headers: { 'x-sc-token': serve.token }, data: params });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${name}: ${body.error?.message}`);
  return body.value;
}

export interface ProvenanceCounts {
  bootstrapped: number;
  confirmed: number;
  differs: number;
  unconfirmable: number;
  unchecked: number;
}

/** The sentence the Overview, the Verify tab and the provenance list print for a provenance summary. */
export const provenanceSentence = (s: ProvenanceCounts) =>
  `${s.confirmed} of ${s.bootstrapped} bootstrapped rows confirmed against Horizon and Verra, ${s.unconfirmable} unconfirmable`;

/** Page errors and console errors, to assert none happened. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return errors;
}
