import type { CheckResult } from '../../../shared/api/audit.js';
import { formatSerialRange, type SerialProblem, type SerialProblemKind } from '../../../shared/api/serials.js';
import type { ReadDb } from '../db/types.js';
import { serialAssignment } from '../serials/serialAssignment.js';
import { Check, t } from './verifyCheck.js';

const claimOf = (c: { certificate_id: number; sale_hash: string | null }) =>
  `retirement ${c.certificate_id} (${c.sale_hash === null ? 'not yet filled' : `sale ${c.sale_hash}`})`;

/** One problem as an offender: the table and key of the record to look at, and a sentence naming everything. */
function offender(p: SerialProblem): [table: string, key: string | number, message: string] {
  switch (p.kind) {
    case 'overlap':
      return ['retirements', p.second.certificate_id, `overlap: serials ${formatSerialRange(p.first_serial, p.last_serial)} of VCS ${p.vcs_project_id} (${t(p.kg)}) are assigned twice, to ${claimOf(p.first)} and ${claimOf(p.second)}`];
    case 'outside-block':
      return ['retirements', p.certificate_id, `outside any block: serials ${formatSerialRange(p.first_serial, p.last_serial)} of retirement ${p.certificate_id} (VCS ${p.vcs_project_id}) lie in no minted block it is linked to`];
    case 'unbacked':
      return p.missing_kg > 0
        ? ['sinking_txs', p.sale_hash, `unbacked tonnes: finalized sale ${p.sale_hash} of ${t(p.carbon_kg)} is backed by serials for ${t(p.assigned_kg)}: ${t(p.missing_kg)} unbacked`]
        : ['sinking_txs', p.sale_hash, `unbacked tonnes: finalized sale ${p.sale_hash} of ${t(p.carbon_kg)} is assigned serials for ${t(p.assigned_kg)}, ${t(-p.missing_kg)} more than it sold`];
    case 'overfilled':
      return ['retirements', p.certificate_id, `overfilled: retirement ${p.certificate_id} of ${p.vcu_amount} VCU has fills of ${t(p.filled_kg)}: ${t(p.excess_kg)} beyond its serials`];
    case 'bad-serial':
      return ['retirements', p.certificate_id, `bad serial: retirement ${p.certificate_id}: ${p.reason}; none of its credits can be placed`];
  }
}

const HEADLINE: [SerialProblemKind, string][] = [
  ['overlap', 'overlaps'],
  ['outside-block', 'outside any block'],
  ['unbacked', 'unbacked sales'],
  ['overfilled', 'overfilled retirements'],
  ['bad-serial', 'bad serials'],
];

/**
 * Serial accounting (issue 15 part 2): every retired credit's serial is given to the tonnes of exactly one sale
 * (serials/assignSerials.ts has the rule), and each problem fails verify by name: a serial retired twice, one outside
 * every minted block of its retirement, a finalized sale whose tonnes are not backed by as many serials, a
 * retirement filled beyond its serials, a serial that cannot be read.
 */
export function checkSerialAccounting(db: ReadDb): CheckResult {
  const c = new Check('serial-accounting', 'Serial accounting: every retired serial backs one sale, inside a minted block');
  const { problems } = serialAssignment(db, { backing: false });
  for (const p of problems) c.add(...offender(p));
  const counts = HEADLINE.map(([kind, label]) => [problems.filter((p) => p.kind === kind).length, label] as const).filter(([n]) => n > 0);
  c.headline = counts.map(([n, label]) => `${n} ${label}`).join(', ');
  return c.result();
}
