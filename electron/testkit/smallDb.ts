import { openWriteDb } from '../core/db/open.js';
import type { WriteDb } from '../core/db/types.js';

/** Tiny hand-made databases for the view tests: every row spelled out, defaults for the rest. */
export const ACCOUNTS = {
  a: 'GAVF6ZB7Z7FKCWM5HEY2OV4ENPK3OSSHMFTVR4HHSBFHKW36U3FUH2CB',
  b: 'GC53JCXZHW3SVNRE4CT6XFP46WX4ACFQU32P4PR3CU43OB7AKKMFXZ6Y',
  c: 'GBAQIUT26BTMG652R5RI5HM22UZ7KDHVM3VPZ4NXUZGR7FVN5KUP4TSA',
  dist: 'GABXJLJDNWRIGCVQPPC2FJ2NORUJBGLNOBYXKW7WQD3CUZS6YTFCS4ZP',
  carbonIssuer: 'GCBOATLWKXACOWKRRWORARDI2HFDSYPALMTS23YBZKHOB6XLW6CARBON',
  usdcIssuer: 'GA5ZSEJYB37JRC5AVCIA5MOP4RHTM335X2KGX3IHOJAPP5RE34K4KZVN',
};

export const h = (n: number): string => n.toString(16).padStart(64, '0');

export function smallDb(): WriteDb {
  const db = openWriteDb(':memory:');
  db.prepare(
    `INSERT INTO vcs_projects VALUES (1360, 'Project 1360', 'Agriculture Forestry and Other Land Use', 'VM0015', 'CCB-Gold', 'Latin America', 'Peru')`,
  ).run();
  return db;
}

export function addBlock(db: WriteDb, b: { hash: string; start: number; end: number; createdAt: string; toid: bigint }): void {
  db.prepare(
    `INSERT INTO minted_blocks VALUES (?, ?, ?, 1360, ?, ?, ?, 11273, 'CARBON Pool | stellarcarbon.io', '2013-07-01', '2014-06-30', ?)`,
  ).run(b.hash, b.hash, b.createdAt, `8040-${b.start}-${b.end}-VCU-042-MER-PE-14-1360-01072013-30062014-1`, b.start, b.end, b.toid);
}

export function addRetirement(
  db: WriteDb,
  r: {
    id: number;
    amount: number;
    date: string;
    beneficiary?: string;
    project?: number;
    blocks?: [string, number][];
    /** Its first serial (the range is first..first+amount−1); 1 unless given. */
    firstSerial?: number;
    /** The sales its retirement_details name, in order. */
    sales?: string[];
  },
): void {
  const first = r.firstSerial ?? 1;
  db.prepare(`INSERT OR IGNORE INTO vcs_projects VALUES (?, 'Other', 'x', 'x', NULL, 'x', 'x')`).run(r.project ?? 1360);
  db.prepare(`INSERT INTO retirements VALUES (?, ?, ?, ?, ?, ?, ?, '2020-03-20', 'VCU', '2013-07-01', '2014-06-30', 97259)`).run(
    r.id,
    r.amount,
    `8040-${first}-${first + r.amount - 1}-VCU-042-MER-PE-14-1360-01072013-30062014-1`,
    r.date,
    r.beneficiary ?? ACCOUNTS.a,
    ['stellarcarbon.io', ...(r.sales ?? [])].join(' '),
    r.project ?? 1360,
  );
  for (const [block, n] of r.blocks ?? []) db.prepare('INSERT INTO retirement_from_block VALUES (?, ?, ?)').run(r.id, block, n);
}

export interface SaleSpec {
  hash: string;
  createdAt: string;
  toid: bigint;
  carbonKg: number;
  funder?: string;
  recipient?: string;
  destCode?: string;
  destStroops?: bigint;
  contractId?: string | null;
}

export function addSale(db: WriteDb, s: SaleSpec): void {
  const destCode = s.destCode ?? 'USDC';
  db.prepare(
    `INSERT INTO sinking_txs VALUES (?, ?, ?, ?, ?, ?, 'XLM', NULL, 100000000, ?, ?, ?, 1360, 'text', 'memo', ?)`,
  ).run(
    s.hash,
    s.createdAt,
    s.contractId ?? null,
    s.funder ?? ACCOUNTS.a,
    s.recipient ?? ACCOUNTS.a,
    s.carbonKg,
    destCode,
    destCode === 'CARBON' ? ACCOUNTS.carbonIssuer : ACCOUNTS.usdcIssuer,
    s.destStroops ?? BigInt(s.carbonKg) * 10_000n,
    s.toid,
  );
}

export function addStatus(db: WriteDb, tx: string, certificateId: number, kg: number, finalized: boolean): void {
  db.prepare('INSERT INTO sink_status VALUES (?, ?, ?, ?)').run(tx, certificateId, kg, finalized ? 1 : 0);
}
