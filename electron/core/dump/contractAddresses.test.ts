import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { openWriteDb } from '../db/open.js';
import type { WriteDb } from '../db/types.js';
import {
  badChecksum,
  C_FUNDER,
  C_RECIPIENT,
  CONTRACT_SALE_FILES,
  CONTRACT_SALE_HASH,
  G_ACCOUNT,
  SINK_CONTRACT,
  writeContractSaleDump,
} from '../../testkit/contractSaleDump.js';
import { restoreDatabase } from './restore.js';
import { DUMP_TABLES } from '../db/schema.js';
import { dumpDatabase } from './writeDump.js';

const kindOf = (table: keyof typeof DUMP_TABLES, column: string) => DUMP_TABLES[table].columns.find((c) => c.name === column)?.kind;

function restoreError(db: WriteDb, dir: string): AppError {
  try {
    restoreDatabase(db, dir);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('restore did not fail');
}

describe('a sale whose funder and recipient are contracts (C…)', () => {
  let db: WriteDb;
  const dirs: string[] = [];
  const dumpDir = (edit?: Parameters<typeof writeContractSaleDump>[0]) => {
    const d = writeContractSaleDump(edit);
    dirs.push(d);
    return d;
  };
  beforeEach(() => {
    db = openWriteDb(':memory:');
  });
  afterEach(() => {
    db.close();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('types a sale party as account or contract, and a distribution payment as accounts only', () => {
    expect(kindOf('sinking_txs', 'funder')).toBe('gc_strkey');
    expect(kindOf('sinking_txs', 'recipient')).toBe('gc_strkey');
    expect(kindOf('sinking_txs', 'contract_id')).toBe('c_strkey');
    expect(kindOf('distribution_txs', 'sender')).toBe('g_strkey');
    expect(kindOf('distribution_txs', 'recipient')).toBe('g_strkey');
  });

  it('restores it and dumps it back byte for byte', () => {
    const restored = restoreDatabase(db, dumpDir());
    expect(restored.filter((r) => r.action === 'restored').map((r) => [r.table, r.rows])).toEqual([
      ['vcs_projects', 1],
      ['sinking_txs', 2],
      ['distribution_txs', 1],
    ]);
    const row = db.prepare('SELECT contract_id, funder, recipient FROM sinking_txs WHERE hash = ?').get(CONTRACT_SALE_HASH);
    expect(row).toEqual({ contract_id: SINK_CONTRACT, funder: C_FUNDER, recipient: C_RECIPIENT });

    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-contract-dump-'));
    dirs.push(out);
    dumpDatabase(db, out, ['vcs_projects', 'sinking_txs', 'distribution_txs']);
    for (const [name, text] of Object.entries(CONTRACT_SALE_FILES)) {
      expect(fs.readFileSync(path.join(out, name), 'utf8'), name).toBe(text);
    }
  });

  const swap = (find: string, put: string) => (text: string) => text.replace(find, put);
  const refusals: [string, string, (text: string) => string, RegExp][] = [
    ['a contract funder with a bad checksum', 'sinking_txs.ndjson', swap(C_FUNDER, badChecksum(C_FUNDER)), /sinking_txs\.ndjson:2: column funder: expected a Stellar account id \(G…\) or contract id \(C…\)/],
    ['a contract recipient with a bad checksum', 'sinking_txs.ndjson', swap(C_RECIPIENT, badChecksum(C_RECIPIENT)), /sinking_txs\.ndjson:2: column recipient: expected a Stellar account id \(G…\) or contract id \(C…\)/],
    // The published sale's funder and recipient are the same account: only the first (the funder) is changed.
    ['an account funder with a bad checksum', 'sinking_txs.ndjson', swap(G_ACCOUNT, badChecksum(G_ACCOUNT)), /sinking_txs\.ndjson:1: column funder: expected a Stellar account id/],
    ['a contract as a distribution sender', 'distribution_txs.ndjson', swap('GABXJLJDNWRIGCVQPPC2FJ2NORUJBGLNOBYXKW7WQD3CUZS6YTFCS4ZP', C_FUNDER), /distribution_txs\.ndjson:1: column sender: expected a Stellar account id \(G…\), got/],
  ];
  it.each(refusals)('refuses %s, naming the line and column, and writes nothing', (_what, file, change, says) => {
    const err = restoreError(db, dumpDir({ file, change }));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toMatch(says);
    expect(db.prepare('SELECT count(*) AS n FROM sinking_txs').get()).toEqual({ n: 0 });
  });
});
