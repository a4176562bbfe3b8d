import { Address, Hash } from '../components/AddressCell';
import { Amount } from '../components/AmountCell';
import { DetailPanel, Field } from '../components/DetailPanel';
import { ExternalLink } from '../components/ExternalLink';
import { MarkControl } from '../components/ReviewMark';
import { FinalizedBadge, StatusBadge, sinkTone } from '../components/StatusBadge';
import { ErrorState, Loading } from '../components/StatusViews';
import { Time } from '../components/TimeCell';
import { addressExplorerUrl, addressKindLabel, txExplorerUrl } from '../format/address';
import { useApi } from '../hooks/useApi';
import { linkToHistory, linkToRetirement, linkToSinksOf } from '../pages/links';
import { ProofBundleButton } from './ProofBundleButton';
import { SerialBackingList } from './SerialBackingList';

/** One sinking tx: what was paid, its memo, the retirements that covered it, how much each filled and which serials back it. */
export function SinkDetail({ hash, onClose }: { hash: string; onClose: () => void }) {
  const valid = /^[0-9a-f]{64}$/.test(hash);
  const [tx, reload] = useApi('views.sinkingTx', valid ? { hash } : null);
  // An account's or a contract's page: since sales go through the Soroban contract, a recipient may be either.
  const recipientUrl = tx.state === 'ready' ? addressExplorerUrl(tx.value.recipient) : null;
  return (
    <DetailPanel title="Sinking transaction" onClose={onClose} testId="sink-detail">
      {!valid && <ErrorState code="BAD_INPUT" message={`“${hash}” is not a transaction hash (64 hex characters).`} />}
      {valid && tx.state === 'loading' && <Loading />}
      {valid && tx.state === 'error' && <ErrorState code={tx.code} message={tx.message} onRetry={reload} />}
      {valid && tx.state === 'ready' && (
        <>
          <dl className="fields">
            <Field label="Hash">
              <Hash value={tx.value.hash} full />
            </Field>
            <Field label="Status">
              <StatusBadge tone={sinkTone(tx.value.statuses).tone}>{sinkTone(tx.value.statuses).label}</StatusBadge>
            </Field>
            <Field label="Review">
              <MarkControl table="sinking_txs" rowKey={tx.value.hash} />
            </Field>
            <Field label="Created">
              <Time value={tx.value.created_at} />
            </Field>
            <Field label="Funder">
              <Address value={tx.value.funder} explorer />
            </Field>
            <Field label="Recipient">
              <Address value={tx.value.recipient} explorer /> <a href={linkToSinksOf(tx.value.recipient)}>all sales to this recipient</a>
            </Field>
            <Field label="Carbon">
              <Amount value={tx.value.carbon_amount} unit="t" />
            </Field>
            <Field label="Paid">
              <Amount value={tx.value.source_asset_amount} unit={tx.value.source_asset_code} />
              {tx.value.source_asset_issuer && (
                <span className="muted small">
                  {' '}
                  issuer <Address value={tx.value.source_asset_issuer} />
                </span>
              )}
            </Field>
            <Field label="Received">
              <Amount value={tx.value.dest_asset_amount} unit={tx.value.dest_asset_code} />
              <span className="muted small">
                {' '}
                issuer <Address value={tx.value.dest_asset_issuer} />
              </span>
            </Field>
            <Field label="Memo">
              {tx.value.memo_value ? (
                <span className="mono" data-testid="sink-memo">
                  {tx.value.memo_value} <span className="muted">({tx.value.memo_type})</span>
                </span>
              ) : (
                <span className="muted">none</span>
              )}
            </Field>
            <Field label="VCS project">{tx.value.vcs_project_id}</Field>
            <Field label="TOID">
              <span className="mono">{tx.value.toid}</span>
            </Field>
          </dl>
          <h3>Retirements covering this sale</h3>
          {tx.value.statuses.length === 0 ? (
            <p className="muted">No retirement covers this sale yet.</p>
          ) : (
            <table className="mini" data-testid="sink-retirements">
              <thead>
                <tr>
                  <th>Certificate</th>
                  <th>Retired</th>
                  <th className="num">Filled (t)</th>
                  <th>Finalized</th>
                </tr>
              </thead>
              <tbody>
                {tx.value.statuses.map((s) => {
                  const r = tx.value.retirements.find((x) => x.certificate_id === s.certificate_id);
                  return (
                    <tr key={s.certificate_id}>
                      <td>
                        <a href={linkToRetirement(s.certificate_id)} data-testid="link-retirement">
                          {s.certificate_id}
                        </a>
                      </td>
                      <td>{r ? <Time value={r.retirement_date} /> : ''}</td>
                      <td className="num">
                        <Amount value={s.amount_filled} />
                      </td>
                      <td><FinalizedBadge finalized={s.finalized} /></td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          <h3>Serials backing this sale</h3>
          <SerialBackingList backing={tx.value.backing} />
          {tx.value.contract_id === null && <ProofBundleButton hash={tx.value.hash} />}
          <div className="links">
            <ExternalLink href={txExplorerUrl(tx.value.hash)}>Transaction on stellar.expert</ExternalLink>
            {recipientUrl && <ExternalLink href={recipientUrl}>Recipient {addressKindLabel(tx.value.recipient)}</ExternalLink>}
            <a href={linkToHistory('sinking_txs', tx.value.hash)}>Record history</a>
          </div>
        </>
      )}
    </DetailPanel>
  );
}
