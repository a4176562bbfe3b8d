import { useState } from 'react';
import { api, errorText, refreshAllViews } from '../api/client';
import { PathField } from '../components/PathField';
import { useCatchUp } from '../components/catchUp/CatchUpContext';
import { CatchUpProgress } from '../components/catchUp/CatchUpProgress';
import { formatAmount } from '../format/amount';
import { useApi } from '../hooks/useApi';
import { jobStepText, useJob, verdictSentence } from '../hooks/useJob';

/** The one sentence on what starting from the published data means for trust. */
const TRUST_SENTENCE =
  'The published data comes from Stellarcarbon, the party being audited: every row taken from it is then re-checked against Horizon and Verra ' +
  '(the provenance check), and rows those sources can no longer show are listed, not trusted silently.';

/**
 * First launch, empty database. First choice: Stellarcarbon's published dumps (a catch-up bootstraps from them,
 * then loads what is newer from Horizon and Verra). Else everything from the sources alone (needs a full-history
 * Horizon), or saved data on this computer: a dump folder (sc-data, `backup dump`) or a backup file of this app.
 */
export function Welcome() {
  const { start, blockedReason, view } = useCatchUp();
  const [settings] = useApi('settings.get', {});
  const scData = settings.state === 'ready' ? settings.value.settings.find((s) => s.key === 'SC_DATA_URL')?.value : undefined;
  const [dumpDir, setDumpDir] = useState('');
  const [backupFile, setBackupFile] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const restoreJob = useJob('restore');
  const applyJob = useJob('backup-apply');
  const running = jobStepText(restoreJob.progress) ?? jobStepText(applyJob.progress);
  const locked = busy || blockedReason !== null;

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
      const r = await restoreJob.run((jobId) => api.call('dump.restore', { dir: dumpDir.trim(), jobId }));
      return `Imported ${formatAmount(r.counts.reduce((a, c) => a + c.inserted, 0))} rows. ${verdictSentence(r.verify)}`;
    });
  const applyBackup = () =>
    run(async () => {
      const r = await applyJob.run((jobId) => api.call('backup.apply', { path: backupFile.trim(), dryRun: false, jobId }));
      return `Backup applied (${formatAmount(r.rowCounts.reduce((a, t) => a + t.rows, 0))} rows). ${verdictSentence(r.verify ?? null)}`;
    });

  return (
    <div className="welcome" data-testid="welcome">
      <h2>Welcome — the database is empty</h2>
      <div className="welcome-primary">
        <button type="button" className="primary" onClick={() => start()} disabled={locked} data-testid="welcome-bootstrap">
          Start from Stellarcarbon's published data
        </button>
        <p data-testid="welcome-trust">{TRUST_SENTENCE}</p>
        <p className="muted small">
          Read from <span className="mono">{scData ?? '…'}</span> (<a href="#/settings">Settings</a>); a catch-up then loads whatever is newer from Horizon and
          Verra.
        </p>
      </div>
      <CatchUpProgress testId="welcome-progress" />
      {blockedReason && view.steps.length === 0 && <p className="muted">{blockedReason}</p>}
      <div className="actions">
        <button type="button" onClick={() => start({ fresh: true })} disabled={locked} data-testid="welcome-sources">
          Load from the sources only (full-history Horizon needed)
        </button>
      </div>
      <p className="muted small">
        Every record straight from Stellar Horizon and the Verra registry. SDF's public Horizon keeps about a year of history: set a full-history one under{' '}
        <a href="#/settings">Settings</a>.
      </p>
      <h3>Or start from saved data on this computer</h3>
      <div className="welcome-saved">
        <label htmlFor="welcome-dump">Dump folder</label>
        <PathField id="welcome-dump" kind="folder" recent="dump" title="Choose a dump folder" value={dumpDir} onChange={setDumpDir} placeholder="/path/to/sc-data" testId="welcome-path" />
        <button type="button" onClick={() => void importDump()} disabled={locked || dumpDir.trim() === ''} data-testid="welcome-import">
          Import dump folder
        </button>
        <label htmlFor="welcome-backup">Backup file</label>
        <PathField id="welcome-backup" kind="sqlite" recent="backup" title="Choose a backup file" value={backupFile} onChange={setBackupFile} placeholder="/path/to/backup.sqlite3" testId="welcome-backup" />
        <button type="button" onClick={() => void applyBackup()} disabled={locked || backupFile.trim() === ''} data-testid="welcome-apply">
          Apply backup file
        </button>
      </div>
      {status && (
        <p role="status" className={status.ok ? 'muted' : 'error-text'} data-testid="welcome-status">
          {busy && running ? `Importing: ${running}` : status.text}
        </p>
      )}
    </div>
  );
}
