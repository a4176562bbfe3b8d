import type { ChainHead } from '../../../shared/api/audit.js';
import type { EvidenceFile } from './fetchEvidence.js';

/** The bundle's README.md: what the sale is, what each file proves, how to run the check and what it cannot show. */
export function proofReadme(o: { sale: string; head: ChainHead; createdAt: string; appVersion: string; files: EvidenceFile[]; signed: boolean; horizonUrl: string; verraUrl: string }): string {
  const rows = o.files.map((f) => `| \`${f.path}\` | ${f.proves} |`);
  return `# Proof bundle of sale ${o.sale}

Written ${o.createdAt} by Stellarcarbon Audit Explorer ${o.appVersion}, at audit head seq ${o.head.seq}
\`${o.head.hash}\`.

This folder lets anyone re-check this one sale without the app and without any network: the raw answers of the
primary sources (Stellar Horizon, the Verra registry) as they were received, the audit-trail entries of the rows
the app stored, and a script that recomputes everything from them. The answers came from Horizon at
${o.horizonUrl} and from the Verra asset search at ${o.verraUrl}.

## Run the check

    node check.mjs

Node 18 or newer, nothing to install: the script uses Node's standard library only and reads nothing outside this
folder. It prints each step and ends with \`ALL STEPS HOLD\` (exit code 0), or stops at the first mismatch with
\`MISMATCH <step>: <what differs>\` (exit code 1).

The manifest step catches any changed byte. A deliberate change that also rewrites \`manifest.json\` is caught by
the step that recomputes that file's content; and when the bundle is signed, by the signatures.

| step | what it recomputes |
|---|---|
| manifest | each file's sha256 against \`manifest.json\` |
| signatures | when the bundle is signed: each \`FILE.sig.json\` (SEP-53, ed25519) holds for its file's sha256 and the head, all by one key (printed: compare it with the auditor's G-address) |
| sale row | the stored sale (its newest audit entry) from Horizon's operations, with the loader's rules: the CarbonSINK payment gives recipient, tonnes (kg) and TOID; the first payment-like operation gives funder and assets; the memo is decoded as stored |
| sale transaction | the transaction answer agrees with the operations answer (hash, time, memo, ledger) and succeeded |
| retirements | each retirement that fills the sale, from the Verra records: quantity, serial number, project and retirement details |
| fills | each fill of the sale, by the loader's sink-status walk: retirements in certificate order, the sales in the order their hashes appear in the retirement's details, fill = min(what the sale still lacks, what the retirement has left) |
| blocks | each block's serial hash = sha256(serial number) = its mint's hash memo; its range and size from the serial and the mint amount |
| assignment | the tonnes-to-serials assignment: credit n occupies kg [n·1000, (n+1)·1000); a retirement's fills take kg positions from its first credit upwards in details order; the sale's kg are split over the blocks the retirement is linked to, compared with \`expected/assignment.json\`; a finalized sale must be backed kg for kg |
| audit entries | each entry of these rows hashes into the chain at its place; no later change of them, and no row of this sale (a fill, a link, a block), is left out |
| hash chain | every entry from the first entry of these rows up to the head: hash = sha256(previous hash + canonical JSON of the entry), ending at the head above |

## Files

| file | what it proves |
|---|---|
${rows.join('\n')}
| \`audit/entries.json\` | every audit-trail entry (insert, update, delete) of the sale, its retirements, their fills, block links and blocks; the newest entry of each row is the row as stored |
| \`audit/chain.json\` | the chain from the entry before the first of those to the head: anyone who noted the head (a report, a signature) can see these entries were not changed since |
| \`expected/assignment.json\` | the app's own assignment of this sale's tonnes to serial numbers, which the check recomputes |
| \`manifest.json\` | the sale, the head, the source settings (issuer accounts) and each file's sha256 |
| \`check.mjs\` | the check itself |
| \`README.md\` | this text |

## What it does not show

- The chain starts at \`prev_hash\` in \`audit/chain.json\`, not at the genesis: compare the head with one noted
  elsewhere (the app's Audit page, a signed report) to tie it to the whole log.
- The fills of other sales from the same retirements are taken from their audit entries; their own proof bundles
  re-derive them. Whether a credit is counted for two sales across all retirements is verify's serial check.
- That the answers really came from the sources: they are as received when the bundle was written, and as good as
  its signer. Horizon's are public and can be asked again, e.g.
  \`curl '${o.horizonUrl}/transactions/${o.sale}/operations?limit=200&join=transactions'\`
  (the app's provenance check re-asks Horizon and Verra for every row taken on trust).
${o.signed ? '\nEach file has a `FILE.sig.json` beside it: a SEP-53 signature of its sha256 and the audit head, which the signatures\nstep checks; with the app, `sc-audit-explorer verify-signature FILE` also checks the head against its database.\n' : ''}`;
}
