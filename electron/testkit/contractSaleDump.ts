import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StrKey } from '@stellar/stellar-base';

/**
 * A tiny sc-audit dump with a sale made through Stellarcarbon's Soroban contract, whose funder and recipient are
 * contracts (C…), beside a classic sale and a distribution payment copied from the published sc-data. The contract
 * ids are encoded by @stellar/stellar-base (not by our own code), so tests check our validator against the SDK.
 */
const contract = (label: string): string => StrKey.encodeContract(createHash('sha256').update(label).digest());

export const SINK_CONTRACT = contract('stellarcarbon sink contract');
export const C_FUNDER = contract('a funding contract');
export const C_RECIPIENT = contract('a recipient contract');
/** The published sale (G… funder and recipient). */
export const G_ACCOUNT = 'GAVF6ZB7Z7FKCWM5HEY2OV4ENPK3OSSHMFTVR4HHSBFHKW36U3FUH2CB';
export const CONTRACT_SALE_HASH = createHash('sha256').update('a contract-call sale').digest('hex');
export const CONTRACT_SALE_TOID = '250364720726118401';

/** The same strkey with one character changed: its checksum no longer matches. */
export function badChecksum(strkey: string): string {
  const at = 30;
  return strkey.slice(0, at) + (strkey[at] === 'A' ? 'B' : 'A') + strkey.slice(at + 1);
}

const PROJECT =
  '[1360,"Forest Management to reduce deforestation and degradation in Shipibo Conibo and Cacataibo Indigenous communities of Ucayali region","Agriculture Forestry and Other Land Use","VM0015","CCB-Gold","Latin America","Peru"]';
const G_SALE = `["61d4ff5516b7098bbc2219d244e7f29a039c32735e1c16d1c05d66a0739727d9","2021-11-20T18:50:04",null,"${G_ACCOUNT}","${G_ACCOUNT}",1.0,"AQUA","GBNZILSTVQZ4R7IKQDGHYGY2QXL5QOFJYQMXPKWRRM5PAV7Y4M67AQUA",2236.6785284,"USDC","GA5ZSEJYB37JRC5AVCIA5MOP4RHTM335X2KGX3IHOJAPP5RE34K4KZVN",11.0,1360,"text","Public Node Carbon Offset",164821723627237383]`;
const C_SALE = `["${CONTRACT_SALE_HASH}","2025-06-02T10:15:30","${SINK_CONTRACT}","${C_FUNDER}","${C_RECIPIENT}",2.5,"USDC","GA5ZSEJYB37JRC5AVCIA5MOP4RHTM335X2KGX3IHOJAPP5RE34K4KZVN",40.0,"USDC","GA5ZSEJYB37JRC5AVCIA5MOP4RHTM335X2KGX3IHOJAPP5RE34K4KZVN",40.0,1360,"text","sunk through the contract",${CONTRACT_SALE_TOID}]`;
const DISTRIBUTION = `["61d4ff5516b7098bbc2219d244e7f29a039c32735e1c16d1c05d66a0739727d9","2021-11-20T18:50:04","GABXJLJDNWRIGCVQPPC2FJ2NORUJBGLNOBYXKW7WQD3CUZS6YTFCS4ZP","${G_ACCOUNT}",1.0,164821723627237380]`;

/** The dump's files, each as sc-audit writes them (newline-terminated lines). */
export const CONTRACT_SALE_FILES: Readonly<Record<string, string>> = {
  'vcs_projects.ndjson': `${PROJECT}\n`,
  'sinking_txs.ndjson': `${G_SALE}\n${C_SALE}\n`,
  'distribution_txs.ndjson': `${DISTRIBUTION}\n`,
};

/** Writes the dump (optionally with `edit` applied to one file's text) to a new temp folder; returns it. */
export function writeContractSaleDump(edit?: { file: string; change: (text: string) => string }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-contract-sale-'));
  for (const [name, text] of Object.entries(CONTRACT_SALE_FILES)) {
    fs.writeFileSync(path.join(dir, name), edit?.file === name ? edit.change(text) : text);
  }
  return dir;
}
