import { useEffect, useRef, useState } from 'react';
import type { ApplyReport } from '../../../../shared/api/backup';
import type { JobProgress } from '../../../../shared/events';
import { api, errorText, refreshAllViews } from '../../api/client';
import { inElectron } from '../../api/transport';
import { PathField } from '../../components/PathField';
import { formatAmount } from '../../format/amount';
import { useApi } from '../../hooks/useApi';
import { jobStepText, useJob, verdictSentence } from '../../hooks/useJob';
import { type PathHandOff, receivePaths } from '../../state/pathHandOff';

type Status = { ok: boolean; text: string } | null;

function StatusLine({ status, testId }: { status: Status; testId: string }) {
  if (!status) return null;
  return (
    <span role="status" className={status.ok ? 'muted small' : 'error-text small'} data-testid={testId}>
      {status.text}
    </span>
  );
}

/** The running job's step (e.g. the verify after an import) while it runs; the outcome after. */
function whileRunning(progress: JobProgress | null, status: Status): Status {
  const text = jobStepText(progress);
  return text ? { ok: true, text } : status;
}

/** Database location, whole-database backups (create / apply) and import of a dump folder. */
export function BackupSection() {
  const [info] = useApi('app.info', {});
  const [backupPath, setBackupPath] = useState('');
  const [applyPath, setApplyPath] = useState('');
  const [dumpDir, setDumpDir] = useState('');
  const [busy, setBusy] = useState(false);
  const [createStatus, setCreateStatus] = useState<Status>(null);
  const [applyStatus, setApplyStatus] = useState<Status>(null);
  const [dryRun, setDryRun] = useState<ApplyReport | null>(null);
  const [dumpStatus, setDumpStatus] = useState<Status>(null);
  const applyJob = useJob('backup-apply');
  const dumpJob = useJob('restore');

  async function guarded(fn: () => Promise<void>, set: (s: Status) => void) {
    setBusy(true);
    try {
      await fn();
    } catch (err) {
      const e = errorText(err);
      set({ ok: false, text: `${e.code}: ${e.message}` });
    } finally {
      setBusy(false);
    }
  }

  // Desktop: the path comes from the save dialog (or the menu's); serve: from the typed field.
  const createBackup = (chosen?: string) =>
    guarded(async () => {
      let path = chosen ?? backupPath.trim();
      if (inElectron && !path) path = (await api.call('dialog.saveFile', { title: 'Create a backup', format: 'sqlite', defaultName: 'sc-audit-backup.sqlite3', recent: 'backup' })).path ?? '';
      if (!path) return;
      const r = await api.call('backup.create', { path });
      setCreateStatus({ ok: true, text: `Backup written: ${r.file} (${formatAmount(r.bytes)} bytes, sha256 ${r.sha256.slice(0, 12)}…)` });
    }, setCreateStatus);

  const checkApply = (path = applyPath.trim()) =>
    guarded(async () => {
      setDryRun(await api.call('backup.apply', { path, dryRun: true }));
      setApplyStatus(null);
    }, setApplyStatus);

  const apply = () =>
    guarded(async () => {
      const r = await applyJob.run((jobId) => api.call('backup.apply', { path: applyPath.trim(), dryRun: false, jobId }));
      setDryRun(null);
      setApplyStatus({ ok: r.verify?.ok !== false, text: `Backup applied; the previous database was kept as ${r.keptAsideAs}. ${verdictSentence(r.verify ?? null)}` });
      refreshAllViews();
    }, setApplyStatus);

  const importDump = (dir = dumpDir.trim()) =>
    guarded(async () => {
      const r = await dumpJob.run((jobId) => api.call('dump.restore', { dir, jobId }));
      const n = r.counts.reduce((a, c) => a + c.inserted, 0);
      setDumpStatus({ ok: r.verify?.ok !== false, text: `Imported ${formatAmount(n)} rows. ${verdictSentence(r.verify)}` });
      refreshAllViews();
    }, setDumpStatus);

  // A path chosen in the desktop menu (or the palette) runs here, where its progress and result show. Applying
  // a backup replaces the database: it is only checked, and the Apply button stays the user's to press.
  const [handedField, setHandedField] = useState<string | null>(null);
  // Kept in view as the form above loads and the flow's status line changes.
  useEffect(() => {
    if (handedField) document.getElementById(handedField)?.scrollIntoView({ block: 'center' });
  }, [handedField, createStatus, applyStatus, dryRun, dumpStatus]);
  const onHandOff = (h: PathHandOff) => {
    const field = { 'dump-import': 'dump-dir', 'backup-apply': 'apply-path', 'backup-create': inElectron ? 'backup-create' : 'backup-path' }[h.flow];
    setHandedField(field);
    if (h.path === undefined) return document.getElementById(field)?.focus();
    if (h.flow === 'dump-import') {
      setDumpDir(h.path);
      void importDump(h.path);
    } else if (h.flow === 'backup-apply') {
      setApplyPath(h.path);
      setDryRun(null);
      void checkApply(h.path);
    } else void createBackup(h.path);
  };
  const handOffRef = useRef(onHandOff);
  useEffect(() => {
    handOffRef.current = onHandOff;
  });
  useEffect(() => receivePaths((h) => handOffRef.current(h)), []);

  return (
    <>
      <h2>Database and backups</h2>
      <div className="form" data-testid="backup-section">
        <label>Database file</label>
        <div className="control">
          <span className="mono" data-testid="settings-db-path">
            {info.state === 'ready' ? info.value.dbPath : '…'}
          </span>
          <span className="note">Chosen at start with --db or SC_DB_PATH; the CLI, serve and the desktop app share the default file.</span>
        </div>

        <label htmlFor={inElectron ? 'backup-create' : 'backup-path'}>Create a backup</label>
        <div className="control">
          {!inElectron && <input id="backup-path" value={backupPath} onChange={(e) => setBackupPath(e.target.value)} placeholder="/absolute/path/backup.sqlite3" />}
          <span className="actions-row">
            <button id="backup-create" type="button" onClick={() => void createBackup()} disabled={busy || (!inElectron && !backupPath.trim())} data-testid="backup-create">
              {inElectron ? 'Create backup…' : 'Create backup'}
            </button>
            <StatusLine status={createStatus} testId="backup-create-status" />
          </span>
        </div>

        <label htmlFor="apply-path">Apply a backup</label>
        <div className="control">
          <PathField
            id="apply-path"
            kind="sqlite"
            recent="backup"
            title="Choose a backup to apply"
            value={applyPath}
            onChange={(p) => {
              setApplyPath(p);
              setDryRun(null);
            }}
            placeholder="/absolute/path/backup.sqlite3"
            testId="apply-path"
          />
          <span className="note">The backup is checked first; the database in use is kept aside, never deleted.</span>
          <span className="actions-row">
            <button type="button" onClick={() => void checkApply()} disabled={busy || !applyPath.trim()}>
              Check backup
            </button>
            {dryRun && (
              <button type="button" className="primary" onClick={() => void apply()} disabled={busy}>
                Apply ({dryRun.rowCounts.reduce((a, r) => a + r.rows, 0)} rows, schema {dryRun.schemaVersion})
              </button>
            )}
            <StatusLine status={whileRunning(applyJob.progress, applyStatus)} testId="backup-apply-status" />
          </span>
        </div>

        <label htmlFor="dump-dir">Import a dump folder</label>
        <div className="control">
          <PathField id="dump-dir" kind="folder" recent="dump" title="Choose a dump folder" value={dumpDir} onChange={setDumpDir} placeholder="/path/to/sc-data" testId="dump-dir" />
          <span className="note">sc-audit's published dumps (one .ndjson per table) or this app's `backup dump`; tables that already hold rows are left alone.</span>
          <span className="actions-row">
            <button type="button" onClick={() => void importDump()} disabled={busy || !dumpDir.trim()}>
              Import dump
            </button>
            <StatusLine status={whileRunning(dumpJob.progress, dumpStatus)} testId="dump-import-status" />
          </span>
        </div>
      </div>
    </>
  );
}
