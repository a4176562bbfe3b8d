import { formatSerialRange, type SerialBacking } from '../../../shared/api/serials';
import { Amount } from '../components/AmountCell';
import { fromUnits } from '../format/amount';
import { linkToBlock, linkToRetirement } from '../pages/links';


/** Which numbered credits back a sale's tonnes (issue 15's serial rule), one line per retirement and block. */
export function SerialBackingList({ backing }: { backing: SerialBacking[] }) {
  if (backing.length === 0) return <p className="muted">No serials back this sale yet.</p>;
  return (
    <ul className="plain" data-testid="sink-serials">
      {backing.map((b) => (
        <li key={`${b.certificate_id}-${b.first_serial}-${b.block_hash ?? ''}`}>
          backed by serials <span className="mono">{formatSerialRange(b.first_serial, b.last_serial)}</span> (
          {b.block_hash === null ? (
            <span className="error-text">in no minted block</span>
          ) : (
            <>
              block{' '}
              <a href={linkToBlock(b.block_hash)} className="mono" title={b.block_hash}>
                {b.block_hash.slice(0, 8)}…
              </a>
            </>
          )}
          , retirement <a href={linkToRetirement(b.certificate_id)}>{b.certificate_id}</a>) · <Amount value={fromUnits(BigInt(b.kg), 3)} unit="t" />
        </li>
      ))}
    </ul>
  );
}
