import type { ProofBundleResult } from '../../../shared/api/proof';
import { api } from '../api/client';
import { CopyButton } from '../components/CopyButton';
import { ErrorState } from '../components/StatusViews';
import { useCall } from '../hooks/useCall';
import { useJob } from '../hooks/useJob';

/**
 * "Proof bundle" on a sale's detail: asks Horizon and Verra, then writes a folder (proofs/… beside the database, in
 * the app and under `serve` alike) that re-checks this one sale offline with `node check.mjs`.
 */
export function ProofBundleButton({ hash }: { hash: string }) {
  const { busy, result: written, error, run } = useCall<ProofBundleResult>();
  const job = useJob('proof');
  const write = () => run(() => job.run((jobId) => api.call('proof.bundle', { hash, jobId })));

  const command = written ? `node ${written.dir}/check.mjs` : '';
  return (
    <div className="proof-bundle" data-testid="proof-bundle">
      <button type="button" onClick={() => void write()} disabled={busy} data-testid="proof-bundle-write">
        {busy ? 'Writing the proof bundle…' : 'Proof bundle'}
      </button>
      {!written && !error && <span className="muted small"> a folder that re-checks this sale without the app or any network</span>}
      {error && <ErrorState code={error.code} message={error.message} onRetry={() => void write()} />}
      {written && (
        <p className="small" role="status" data-testid="proof-bundle-written">
          Written to <span className="mono">{written.dir}</span> ({written.files.length} files
          {written.signatureFiles?.length ? ', signed' : ''}). Check it with <span className="mono">{command}</span> <CopyButton value={command} label="Copy" />
        </p>
      )}
    </div>
  );
}
