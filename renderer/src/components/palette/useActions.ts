import { useState, useSyncExternalStore } from 'react';
import type { ActionCommandId } from '../../../../shared/appCommands';
import { api, errorText } from '../../api/client';
import { inElectron } from '../../api/transport';
import { reportSentence } from '../../hooks/useJob';
import { useLive } from '../../hooks/useLive';
import { hrefFor, navigate } from '../../router';
import { currentTable, subscribeTable } from '../../state/currentTable';
import { type PathFlow, handOffPath } from '../../state/pathHandOff';
import { useCatchUp } from '../catchUp/CatchUpContext';
import { ACTION_KEYS, type Command } from './commands';

type Action = Omit<Command, 'id' | 'group'>;

/**
 * A flow that needs a path: the path given (the desktop menu chose it in the OS dialog), else in the desktop app
 * the OS dialog now (cancelled: nothing happens), else (serve) the page's own field. Then the Settings page runs it.
 */
function withPath(flow: PathFlow, choose: () => Promise<{ path: string | null }>) {
  return async (given?: string) => {
    const path = given ?? (inElectron ? (await choose()).path : undefined);
    if (path === null) return;
    navigate('settings');
    handOffPath({ flow, path });
  };
}

/**
 * The palette's and the shortcuts' actions, and the one status line they report to. The desktop menu runs the same
 * actions by id ('app.command' events, ids in shared/appCommands.ts): the record below must hold every one of them.
 */
export function useActions(): { actions: Command[]; status: string | null; say: (text: string) => void; clearStatus: () => void } {
  const { start, blockedReason } = useCatchUp();
  const live = useLive();
  const [status, setStatus] = useState<string | null>(null);
  const table = useSyncExternalStore(subscribeTable, currentTable);
  const fail = (what: string) => (err: unknown) => setStatus(`${what}: ${errorText(err).message}`);

  const verify = () => {
    setStatus('Verify running…');
    api.call('audit.verify', {}).then((r) => setStatus(reportSentence(r)), fail('Verify'));
  };
  const exportAs = (format: 'csv' | 'json') => () => currentTable().exportAs?.(format);
  const noTable = table.exportAs ? null : 'this page has no table to export';
  const importDump = withPath('dump-import', () => api.call('dialog.openPath', { kind: 'folder', title: 'Import a dump folder', recent: 'dump' }));
  const applyBackup = withPath('backup-apply', () => api.call('dialog.openPath', { kind: 'sqlite', title: 'Apply a backup', recent: 'backup' }));
  const createBackup = withPath('backup-create', () =>
    api.call('dialog.saveFile', { title: 'Create a backup', format: 'sqlite', defaultName: 'sc-audit-backup.sqlite3', recent: 'backup' }),
  );

  const byId: Record<ActionCommandId, Action> = {
    'action:catch-up': { label: 'Catch up from Horizon and Verra', hint: ACTION_KEYS.catchUp, disabled: blockedReason, run: () => start() },
    'action:verify': { label: 'Run verify', hint: ACTION_KEYS.verify, run: verify },
    'action:export-csv': { label: 'Export the current view as CSV', hint: ACTION_KEYS.exportCsv, disabled: noTable, run: exportAs('csv') },
    'action:export-json': { label: 'Export the current view as JSON', hint: ACTION_KEYS.exportJson, disabled: noTable, run: exportAs('json') },
    'action:bootstrap': {
      label: "Start from Stellarcarbon's published data",
      disabled: blockedReason,
      run: () => {
        setStatus('Bootstrapping from the published data…');
        api.call('sync.bootstrap', {}).then(() => setStatus('Bootstrapped; the provenance check lists what the sources still confirm.'), fail('Bootstrap'));
      },
    },
    'action:import-dump': { label: 'Import a dump folder…', disabled: blockedReason, run: (arg) => void importDump(arg?.path).catch(fail('Import')) },
    'action:apply-backup': { label: 'Apply a backup…', disabled: blockedReason, run: (arg) => void applyBackup(arg?.path).catch(fail('Apply a backup')) },
    'action:create-backup': { label: 'Create a backup…', run: (arg) => void createBackup(arg?.path).catch(fail('Backup')) },
    'action:report': { label: "Write the auditor's report…", run: () => (window.location.hash = hrefFor('report')) },
    'action:live': {
      label: live.status?.state === 'off' ? 'Turn live mode on (this session)' : 'Turn live mode off (this session)',
      disabled: live.status && !live.status.available ? (live.status.reason ?? 'live mode is not available here') : null,
      run: live.toggle,
    },
  };
  const actions = Object.entries(byId).map(([id, a]): Command => ({ id, group: 'Actions', ...a }));
  return { actions, status, say: setStatus, clearStatus: () => setStatus(null) };
}
