import { Hash } from '../components/AddressCell';
import { MarkControl } from '../components/ReviewMark';
import { Amount } from '../components/AmountCell';
import { DetailPanel, Field } from '../components/DetailPanel';
import { ExternalLink } from '../components/ExternalLink';
import { FinalizedBadge } from '../components/StatusBadge';
import { ErrorState, Loading } from '../components/StatusViews';
import { Time } from '../components/TimeCell';
import { verraProjectUrl, verraRetirementUrl } from '../format/address';
import { useApi } from '../hooks/useApi';
import { linkToBlock, linkToHistory, linkToSink } from '../pages/links';

/** One retirement: the blocks its credits came from and the sales it covered. */
export function RetirementDetail({ certificateId, onClose }: { certificateId: string; onClose: () => void }) {
  const id = /^\d{1,15}$/.test(certificateId) ? Number(certificateId) : null;
  const [r, reload] = useApi('views.retirement', id === null ? null : { certificateId: id });
  return (
    <DetailPanel title={`Retirement ${certificateId}`} onClose={onClose} testId="retirement-detail">
      {id === null && <ErrorState code="BAD_INPUT" message={`“${certificateId}” is not a certificate id.`} />}
      {id !== null && r.state === 'loading' && <Loading />}
      {id !== null && r.state === 'error' && <ErrorState code={r.code} message={r.message} onRetry={reload} />}
      {id !== null && r.state === 'ready' && (
        <>
          <dl className="fields">
            <Field label="Certificate">{r.value.certificate_id}</Field>
            <Field label="Review">
              <MarkControl table="retirements" rowKey={String(r.value.certificate_id)} />
            </Field>
            <Field label="Retired">
              <Time value={r.value.retirement_date} />
            </Field>
            <Field label="VCUs">
              <Amount value={r.value.vcu_amount} />
            </Field>
            <Field label="Beneficiary">{r.value.retirement_beneficiary}</Field>
            <Field label="Details">
              <span className="mono small">{r.value.retirement_details}</span>
            </Field>
            <Field label="Serial">
              <span className="mono small">{r.value.serial_number}</span>
            </Field>
            <Field label="Vintage">
              {r.value.vintage_start} – {r.value.vintage_end}
            </Field>
            <Field label="Project">
              {r.value.vcs_project_id}
              {r.value.vcs_project ? ` · ${r.value.vcs_project.name}` : ''}
            </Field>
            <Field label="Issued">
              <Time value={r.value.issuance_date} />
            </Field>
          </dl>
          <h3>Covering blocks</h3>
          {r.value.retired_from.length === 0 ? (
            <p className="muted">Not linked to a minted block yet.</p>
          ) : (
            <table className="mini" data-testid="retirement-blocks">
              <thead>
                <tr>
                  <th>Block</th>
                  <th className="num">Range</th>
                  <th className="num">VCUs</th>
                </tr>
              </thead>
              <tbody>
                {r.value.retired_from.map((b) => (
                  <tr key={b.block_hash}>
                    <td>
                      <Hash value={b.block_hash} href={linkToBlock(b.block_hash)} testId="link-block" />
                    </td>
                    <td className="num mono">
                      {b.block_start}–{b.block_end}
                    </td>
                    <td className="num">
                      <Amount value={b.vcu_amount} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>Sales covered</h3>
          {r.value.sink_statuses.length === 0 ? (
            <p className="muted">No sink status yet.</p>
          ) : (
            <table className="mini" data-testid="retirement-sinks">
              <thead>
                <tr>
                  <th>Sinking tx</th>
                  <th className="num">Filled (t)</th>
                  <th>Finalized</th>
                </tr>
              </thead>
              <tbody>
                {r.value.sink_statuses.map((s) => (
                  <tr key={s.sinking_tx_hash}>
                    <td>
                      <Hash value={s.sinking_tx_hash} href={linkToSink(s.sinking_tx_hash)} testId="link-sink" />
                    </td>
                    <td className="num">
                      <Amount value={s.amount_filled} />
                    </td>
                    <td><FinalizedBadge finalized={s.finalized} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="links">
            <ExternalLink href={verraRetirementUrl(r.value.certificate_id)}>Verra registry</ExternalLink>
            <ExternalLink href={verraProjectUrl(r.value.vcs_project_id)}>Project VCS {r.value.vcs_project_id}</ExternalLink>
            <a href={linkToHistory('retirements', String(r.value.certificate_id))}>Record history</a>
          </div>
        </>
      )}
    </DetailPanel>
  );
}
