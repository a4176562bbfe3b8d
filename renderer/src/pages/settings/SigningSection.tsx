import { useState } from 'react';
import type { SigningStatus } from '../../../../shared/api/signing';
import { api, errorText } from '../../api/client';
import { useApi } from '../../hooks/useApi';

function sourceText(s: SigningStatus): string {
  if (s.configured && s.source === 'safeStorage') return 'stored encrypted in the system keychain';
  if (s.source === 'keyFile') return `read from the key file ${s.keyFile ?? ''} (SC_SIGNING_KEY_FILE)`;
  return 'none set';
}

/**
 * The auditor's signing key: exports and reports are signed with it (FILE.sig.json, SEP-53; see docs/SIGNING.md).
 * Desktop: the S… seed is stored encrypted with the system keychain. Under serve: the key file of SC_SIGNING_KEY_FILE.
 */
export function SigningSection() {
  const [status, reload] = useApi('signing.status', {});
  const [secret, setSecret] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function change(fn: () => Promise<SigningStatus>, done: string) {
    setBusy(true);
    try {
      await fn();
      setSecret('');
      setMessage({ ok: true, text: done });
      reload();
    } catch (err) {
      const e = errorText(err);
      setMessage({ ok: false, text: `${e.code}: ${e.message}` });
    } finally {
      setBusy(false);
    }
  }

  const s = status.state === 'ready' ? status.value : null;
  return (
    <>
      <h2>Signing key</h2>
      <div className="form" data-testid="signing-section">
        <label>Signing key</label>
        <div className="control">
          <span className="mono" data-testid="signing-public-key">
            {status.state === 'loading' ? '…' : s?.publicKey ?? 'No signing key'}
          </span>
          {s && <span className="note" data-testid="signing-source">{sourceText(s)}</span>}
          {s?.problem && (
            <span className="error-text small" data-testid="signing-problem">
              {s.problem}
            </span>
          )}
          <span className="note">
            Exports and reports are signed with it (FILE.sig.json, SEP-53): anyone can check a file with the public key alone.
            {s && !s.canStore && ' Here the key is read from the file named by SC_SIGNING_KEY_FILE, never stored by the app.'}
          </span>
        </div>
        {s?.canStore && (
          <>
            <label htmlFor="signing-secret">Set the key</label>
            <div className="control">
              <input id="signing-secret" type="password" autoComplete="off" value={secret} onChange={(e) => setSecret(e.target.value)} placeholder="S… secret seed" data-testid="signing-secret" />
              <span className="actions-row">
                <button type="button" onClick={() => void change(() => api.call('signing.setKey', { secret: secret.trim() }), 'Signing key stored.')} disabled={busy || !secret.trim()}>
                  Store key
                </button>
                {s.source === 'safeStorage' && (
                  <button type="button" onClick={() => void change(() => api.call('signing.clearKey', {}), 'Stored signing key cleared.')} disabled={busy}>
                    Clear stored key
                  </button>
                )}
              </span>
            </div>
          </>
        )}
        {message && (
          <span role="status" className={message.ok ? 'muted small' : 'error-text small'} data-testid="signing-status">
            {message.text}
          </span>
        )}
      </div>
    </>
  );
}
