// Types only: domhandler is htmlparser2's node model (a dependency of it), so nothing of it is loaded at run time.
import type { AnyNode, Element, Text } from 'domhandler';
import { domutils, htmlparser2 } from '../lazyModules.js';

const isTag = (n: AnyNode | null | undefined): n is Element => n?.type === 'tag' || n?.type === 'script' || n?.type === 'style';
const isText = (n: AnyNode): n is Text => n.type === 'text';

/** One row of Verra's carbon pool report; keys are the normalised header names (serial_number, …). */
export type PoolBatch = Record<string, string | number>;

export interface CarbonPoolState {
  total_inventory_credits: number;
  credit_batches: PoolBatch[];
}

/**
 * Parses the carbon pool report (`myRpt.asp?r=205`), an old server-rendered page, the way sc-audit's XPath does:
 * the header is the first `tr` holding a `td > font` whose first text starts with "Serial Number"; its table must be
 * the row's direct parent (the page has no tbody); every later `tr` child of that table is one batch. Cell values
 * are the text nodes under each `td/font`, zipped with the header by position, so a cell that is empty shifts the
 * rest, exactly as in sc-audit (the serial numbers then fail to match a mint and the problem surfaces there).
 */
export function parseCarbonPoolReport(html: string): CarbonPoolState {
  const found = findPoolTable(html);
  if (!found) return { total_inventory_credits: 0, credit_batches: [] };
  const { headerRow, table } = found;

  const keys = cellFonts(headerRow).map((font) => normaliseHeader(directText(font)));
  const rows = domutils().getChildren(table).filter((n): n is Element => isTag(n) && n.name === 'tr');
  const credit_batches = rows.slice(1).map((row) => {
    const values = cellFonts(row).flatMap(textNodes).map(castInt);
    const batch: PoolBatch = {};
    keys.forEach((k, i) => {
      const v = values[i];
      if (v !== undefined) batch[k] = v;
    });
    return batch;
  });
  const total_inventory_credits = credit_batches.reduce((sum, b) => sum + (typeof b.quantity_of_credits === 'number' ? b.quantity_of_credits : 0), 0);
  return { total_inventory_credits, credit_batches };
}

/** The header row (the one with a 'Serial Number' cell) and its table, or null when the page has no such table. */
function findPoolTable(html: string): { headerRow: Element; table: Element } | null {
  const doc = htmlparser2().parseDocument(html);
  const headerFont = domutils().findOne(
    (el) => el.name === 'font' && parentName(el) === 'td' && firstText(el).startsWith('Serial Number'),
    doc.children,
    true,
  );
  const headerRow = headerFont ? ancestorRow(headerFont) : null;
  const table = headerRow?.parent;
  if (!headerRow || !table || !isTag(table) || table.name !== 'table') return null;
  return { headerRow, table };
}

/**
 * Whether the page is the report at all. sc-audit reads a page without the table as an empty pool, which then
 * surfaces as "no serial number found" for every new mint; the catch-up asks this first and names the real cause
 * (a maintenance or login page answered with 200).
 */
export function hasPoolTable(html: string): boolean {
  return findPoolTable(html) !== null;
}

export function normaliseHeader(name: string): string {
  return name.trim().toLowerCase().replace(/[ \-/]/g, '_');
}

/** Like Python's int(): surrounding spaces allowed, thousands separators not (such a value stays text). */
function castInt(text: string): string | number {
  const t = text.trim();
  return /^[+-]?\d+$/.test(t) && Number.isSafeInteger(Number(t)) ? Number(t) : t;
}

function parentName(el: Element): string | null {
  const p = el.parent;
  return p && isTag(p) ? p.name : null;
}

function firstText(el: Element): string {
  const first = el.children.find(isText);
  return first ? first.data : '';
}

function directText(el: Element): string {
  return el.children.filter(isText).map((t) => t.data).join('');
}

function ancestorRow(el: Element): Element | null {
  for (let p = el.parent; p; p = p.parent) if (isTag(p) && p.name === 'tr') return p;
  return null;
}

function cellFonts(row: Element): Element[] {
  const { getChildren } = domutils();
  return getChildren(row)
    .filter((n): n is Element => isTag(n) && n.name === 'td')
    .flatMap((td) => getChildren(td).filter((n): n is Element => isTag(n) && n.name === 'font'));
}

function textNodes(node: AnyNode): string[] {
  if (isText(node)) return [node.data];
  if (isTag(node)) return node.children.flatMap(textNodes);
  return [];
}

