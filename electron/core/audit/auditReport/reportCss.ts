/** The printed report's style: A4, dense tables that repeat their header and never split a row across pages. */
export const REPORT_CSS = `
@page { size: A4; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 9.5pt/1.4 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #1b2430; margin: 0; }
h1 { font-size: 17pt; margin: 0 0 2mm; color: #0d3b2e; }
h2 { font-size: 12.5pt; margin: 7mm 0 2mm; padding-bottom: 1mm; border-bottom: 1.5px solid #2f7d5b; color: #0d3b2e; break-after: avoid; }
h3 { font-size: 10pt; margin: 4mm 0 1.5mm; break-after: avoid; }
p { margin: 1.5mm 0; }
.mono, code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 8pt; overflow-wrap: anywhere; }
.muted { color: #5b6675; }
.summary { border: 1px solid #c9d6cf; background: #f3f8f5; border-radius: 2mm; padding: 3mm 4mm; margin: 3mm 0 2mm; }
.summary dl { display: grid; grid-template-columns: 28mm 1fr; gap: 1mm 3mm; margin: 0; }
.summary dt { font-weight: bold; color: #0d3b2e; }
.summary dd { margin: 0; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0; font-size: 8.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th { text-align: left; background: #e4efe9; border-bottom: 1px solid #9fbdae; padding: 1.2mm 1.5mm; }
td { border-bottom: 0.5px solid #d8dee4; padding: 1mm 1.5mm; vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.address, td.sha { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 7pt; white-space: nowrap; }
td.sha { white-space: normal; overflow-wrap: anywhere; width: 62mm; }
.check-id { color: #7a8591; }
tr.total td { font-weight: bold; border-top: 1px solid #9fbdae; }
.badge { display: inline-block; padding: 0 1.5mm; border-radius: 1mm; font-size: 7.5pt; font-weight: bold; text-transform: uppercase; }
.pass { background: #d7efe2; color: #1d6b45; }
.fail { background: #f7d9d9; color: #9b1c1c; }
.findings { background: #fbecc8; color: #7a5200; }
ul.identities { break-inside: avoid; }
ul.offenders { margin: 1mm 0 2mm 5mm; padding: 0; font-size: 8pt; }
ul.offenders li { break-inside: avoid; }
.read { break-inside: avoid; border-left: 2px solid #c9d6cf; padding-left: 3mm; margin: 2mm 0; }
.read ul { margin: 0.5mm 0; padding-left: 4mm; }
footer { margin-top: 6mm; font-size: 8pt; }
`;
