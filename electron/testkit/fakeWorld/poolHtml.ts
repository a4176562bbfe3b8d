import type { PoolBatch } from '../../core/sources/poolReport.js';

/** Header cells of Verra's report r=205, in page order; their normalised names are the batch keys. */
export const POOL_COLUMNS: [label: string, key: string][] = [
  ['Vintage', 'vintage'],
  ['Project ID', 'project_id'],
  ['Project Name', 'project_name'],
  ['Project Type', 'project_type'],
  ['Quantity of Credits', 'quantity_of_credits'],
  ['Serial Number', 'serial_number'],
  ['Sub-Account ID', 'sub_account_id'],
  ['Sub-Account Name', 'sub_account_name'],
];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Renders the pool the way the old ASP report does: upper-case tags, a layout table around the data table,
 * `table > tr` without tbody, every value inside `td > font`. The parser must cope with exactly this shape.
 */
export function renderPoolReport(batches: PoolBatch[], subAccountId: number): string {
  const head = POOL_COLUMNS.map(([label]) => `<TD BGCOLOR="#C0C0C0"><FONT FACE="Arial" SIZE=2><B></B>${esc(label)}</FONT></TD>`).join('');
  const rows = batches
    .map((b) => `<TR>${POOL_COLUMNS.map(([, key]) => `<TD><FONT FACE="Arial" SIZE=1>${esc(String(b[key] ?? ''))}</FONT></TD>`).join('')}</TR>`)
    .join('\n');
  return `<HTML><HEAD><TITLE>Verra Registry - Report</TITLE>
<META http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></HEAD>
<BODY BGCOLOR="#FFFFFF">
<TABLE WIDTH="100%"><TR><TD><FONT FACE="Arial" SIZE=3><B>Sub-Account Holdings Report</B></FONT></TD></TR>
<TR><TD><FONT FACE="Arial" SIZE=2>Sub-Account: ${subAccountId}</FONT></TD></TR></TABLE>
<TABLE BORDER=1 CELLPADDING=2 CELLSPACING=0>
<TR>${head}</TR>
${rows}
</TABLE>
<P><FONT FACE="Arial" SIZE=1>Report generated ${new Date(0).toUTCString()}</FONT></P>
</BODY></HTML>`;
}
