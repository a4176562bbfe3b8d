import { useState } from 'react';
import type { ProofBundleResult } from '../../../shared/api/proof';
import { api, errorText } from '../api/client';
import { CopyButton } from '../components/CopyButton';
import { ErrorState } from '../components/StatusViews';

/**
 * "Proof bundle" on a sale's detail: asks Horizon and Verra, then writes a folder (proofs/… beside the database, in
 * the app and under `serve` alike) that re-checks this one sale offline with `node check.mjs`.
 */
export function ProofBundleButton({ hash }: { hash: string }) {
  const [busy, setBusy] = useState(false);
  const [written, setWritten] = useState<ProofBundleResult | null>(null);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);

  async function write() {
    setBusy(true);
    setError(null);
    setWritten(null);
    try {
      setWritten(await api.call('proof.bundle', { hash, jobId: `proof-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}` }));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

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
