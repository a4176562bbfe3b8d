import { useState } from 'react';
import { api, errorText, refreshAllViews } from '../api/client';
import { useCatchUp } from '../components/catchUp/CatchUpContext';

/**
 * First launch, empty database: load everything from the sources with a catch-up, or start from saved data —
 * a published dump folder (sc-data, `backup dump`) or a backup file of this app.
 */
export function Welcome() {
  const { start, blockedReason } = useCatchUp();
  const [path, setPath] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(fn: () => Promise<string>) {
    setBusy(true);
    setStatus({ ok: true, text: 'Importing…' });
    try {
      setStatus({ ok: true, text: await fn() });
      refreshAllViews();
    } catch (err) {
      const e = errorText(err);
      setStatus({ ok: false, text: `${e.code}: ${e.message}` });
    } finally {
      setBusy(false);
    }
  }
  const importDump = () =>
    run(async () => {
      const r = await api.call('dump.restore', { dir: path.trim() });
      const n = r.counts ? r.counts.reduce((a, c) => a + c.inserted, 0) : null;
      return n === null ? 'Imported.' : `Imported ${n} rows.`;
    });
  const applyBackup = () =>
    run(async () => {
      const r = await api.call('backup.apply', { path: path.trim(), dryRun: false });
      return `Backup applied (${r.rowCounts.reduce((a, t) => a + t.rows, 0)} rows).`;
    });

  return (
    <div className="welcome" data-testid="welcome">
      <h2>Welcome — the database is empty</h2>
      <p>
        Load Stellarcarbon's public records from Stellar Horizon and the Verra registry with a catch-up. A first catch-up needs a
        full-history Horizon (SDF's public one keeps about a year): set it under <a href="#/settings">Settings</a>.
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={start} disabled={blockedReason !== null} data-testid="welcome-catchup">
          Run a catch-up
        </button>
        {blockedReason && <span className="muted">{blockedReason}</span>}
      </div>
      <p>Or start from saved data on this computer:</p>
      <div className="actions">
        <label className="filter wide">
          Dump folder or backup file (absolute path)
          <input type="text" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/path/to/sc-data" data-testid="welcome-path" />
        </label>
        <button type="button" onClick={() => void importDump()} disabled={busy || path.trim() === ''}>
          Import dump folder
        </button>
        <button type="button" onClick={() => void applyBackup()} disabled={busy || path.trim() === ''}>
          Apply backup file
        </button>
      </div>
      {status && (
        <p role="status" className={status.ok ? 'muted' : 'error-text'} data-testid="welcome-status">
          {status.text}
        </p>
      )}
    </div>
  );
}
