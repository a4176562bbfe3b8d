import type { InventoryRow } from '../../../shared/api/views';
import { MarkControl } from '../components/ReviewMark';
import { Hash } from '../components/AddressCell';
import { Amount } from '../components/AmountCell';
import { DetailPanel, Field } from '../components/DetailPanel';
import { ExternalLink } from '../components/ExternalLink';
import { ErrorState, Loading } from '../components/StatusViews';
import { Time } from '../components/TimeCell';
import { txExplorerUrl } from '../format/address';
import { useApi } from '../hooks/useApi';
import { linkToHistory, linkToRetirement } from '../pages/links';

/** A minted block: where it came from and the retirements drawn from it. */
export function BlockDetail({ serialHash, row, onClose }: { serialHash: string; row: InventoryRow | null; onClose: () => void }) {
  const valid = /^[0-9a-f]{64}$/.test(serialHash);
  const [detail, reload] = useApi('views.block', valid ? { serialHash } : null);
  const block = detail.state === 'ready' ? detail.value.block : row;
  return (
    <DetailPanel title="Minted block" onClose={onClose} testId="block-detail">
      {!valid && <ErrorState code="BAD_INPUT" message={`“${serialHash}” is not a serial hash (64 hex characters).`} />}
      {block && (
        <dl className="fields">
          <Field label="Serial hash">
            <Hash value={block.serial_hash} full />
          </Field>
          <Field label="Serial">
            <span className="mono small">{block.serial_number}</span>
          </Field>
          <Field label="Review">
            <MarkControl table="minted_blocks" rowKey={block.serial_hash} />
          </Field>
          <Field label="Size">
            <Amount value={block.size} />
          </Field>
          <Field label="Remaining">
            <Amount value={block.credits_remaining} />
          </Field>
          <Field label="Vintage">
            {block.vintage_start} – {block.vintage_end}
          </Field>
          <Field label="Sub-account">
            {block.sub_account_name} ({block.sub_account_id})
          </Field>
          <Field label="Created">
            <Time value={block.created_at} />
          </Field>
          <Field label="Mint tx">
            <Hash value={block.transaction_hash} />
          </Field>
        </dl>
      )}
      <h3>Retirements drawn from this block</h3>
      {detail.state === 'loading' && valid && <Loading />}
      {detail.state === 'error' && <ErrorState code={detail.code} message={detail.message} onRetry={reload} />}
      {detail.state === 'ready' &&
        (detail.value.retirements.length === 0 ? (
          <p className="muted">No credits retired from this block.</p>
        ) : (
          <table className="mini" data-testid="block-retirements">
            <thead>
              <tr>
                <th>Certificate</th>
                <th>Retired</th>
                <th className="num">VCUs</th>
              </tr>
            </thead>
            <tbody>
              {detail.value.retirements.map((r) => (
                <tr key={r.retirement_id}>
                  <td>
                    <a href={linkToRetirement(r.retirement_id)}>{r.retirement_id}</a>
                  </td>
                  <td>
                    <Time value={r.retirement_date} />
                  </td>
                  <td className="num">
                    <Amount value={r.vcu_amount} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {block && (
        <div className="links">
          <ExternalLink href={txExplorerUrl(block.transaction_hash)}>Mint transaction on stellar.expert</ExternalLink>
          <a href={linkToHistory('minted_blocks', block.serial_hash)}>Record history</a>
        </div>
      )}
    </DetailPanel>
  );
}
