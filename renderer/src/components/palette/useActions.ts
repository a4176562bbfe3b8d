import { useState } from 'react';
import { api, errorText } from '../../api/client';
import { reportSentence } from '../../hooks/useJob';
import { useLive } from '../../hooks/useLive';
import { hrefFor } from '../../router';
import { currentTable } from '../../state/currentTable';
import { useCatchUp } from '../catchUp/CatchUpContext';
import { ACTION_KEYS, type Command } from './commands';

/** The palette's and the shortcuts' actions, and the one status line they report to. */
export function useActions(): { actions: Command[]; status: string | null; clearStatus: () => void } {
  const { start, blockedReason } = useCatchUp();
  const live = useLive();
  const [status, setStatus] = useState<string | null>(null);
  const table = currentTable();

  const verify = () => {
    setStatus('Verify running…');
    api
      .call('audit.verify', {})
      .then((r) => setStatus(reportSentence(r)))
      .catch((err: unknown) => setStatus(`Verify: ${errorText(err).message}`));
  };
  const exportAs = (format: 'csv' | 'json') => () => currentTable().exportAs?.(format);
  const noTable = table.exportAs ? null : 'this page has no table to export';

  const actions: Command[] = [
    { id: 'action:catch-up', group: 'Actions', label: 'Catch up from Horizon and Verra', hint: ACTION_KEYS.catchUp, disabled: blockedReason, run: () => start() },
    { id: 'action:verify', group: 'Actions', label: 'Run verify', hint: ACTION_KEYS.verify, run: verify },
    { id: 'action:export-csv', group: 'Actions', label: 'Export the current view as CSV', hint: ACTION_KEYS.exportCsv, disabled: noTable, run: exportAs('csv') },
    { id: 'action:export-json', group: 'Actions', label: 'Export the current view as JSON', hint: ACTION_KEYS.exportJson, disabled: noTable, run: exportAs('json') },
    {
      id: 'action:bootstrap',
      group: 'Actions',
      label: "Start from Stellarcarbon's published data",
      disabled: blockedReason,
      run: () => {
        setStatus('Bootstrapping from the published data…');
        api
          .call('sync.bootstrap', {})
          .then(() => setStatus('Bootstrapped; the provenance check lists what the sources still confirm.'))
          .catch((err: unknown) => setStatus(`Bootstrap: ${errorText(err).message}`));
      },
    },
    { id: 'action:backup', group: 'Actions', label: 'Create or apply a backup…', run: () => (window.location.hash = hrefFor('settings')) },
    { id: 'action:report', group: 'Actions', label: "Write the auditor's report…", run: () => (window.location.hash = hrefFor('report')) },
    {
      id: 'action:live',
      group: 'Actions',
      label: live.status?.state === 'off' ? 'Turn live mode on (this session)' : 'Turn live mode off (this session)',
      disabled: live.status && !live.status.available ? (live.status.reason ?? 'live mode is not available here') : null,
      run: live.toggle,
    },
  ];
  return { actions, status, clearStatus: () => setStatus(null) };
}
