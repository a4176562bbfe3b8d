import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { type ExportFormat, type ExportView, type exportRequest, downloadQuery, exportFileName } from '../../../shared/api/export';
import { api, errorText } from '../api/client';
import { bridgeToken, inElectron } from '../api/transport';
import { formatAmount } from '../format/amount';
import { useApi } from '../hooks/useApi';
import { useRoute } from '../router';
import { registerTable } from '../state/currentTable';
import { openSavedView } from '../state/savedViews';

type Unformatted<T> = T extends unknown ? Omit<T, 'format'> : never;
/** What to export: a view and its filters, as the contract's export request types them (format chosen here). */
export type ExportTarget = Unformatted<z.input<typeof exportRequest>>;

/** Starts a browser download of the serve bridge's streamed export (no rows pass through the renderer). */
function browserDownload({ view, filters }: ExportTarget, format: ExportFormat, savedView: string | null): void {
  const a = document.createElement('a');
  a.href = downloadQuery(bridgeToken(), { view, format, filters, savedView });
  a.download = exportFileName(view, format, savedView);
  document.body.appendChild(a);
  a.click();
  a.remove();
}

type ExportState =
  | { kind: 'idle' }
  | { kind: 'running'; done: number; total: number | null }
  | { kind: 'done'; text: string }
  | { kind: 'error'; text: string };

/**
 * "Export CSV / JSON": every row matching the view's current filters and order, not just the loaded pages.
 * Desktop: a native save dialog, then the engine writes the file (progress from 'job.progress', kind 'export').
 * Browser (serve): a streamed download the browser shows with its own progress.
 */
export function ExportButton({ target }: { target: ExportTarget }) {
  const view: ExportView = target.view;
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  const jobRef = useRef<string | null>(null);
  // Signing writes FILE.sig.json next to the file: the desktop app's exports only (a browser download is one file).
  const [signing] = useApi('signing.status', inElectron ? {} : null);
  const signer = signing.state === 'ready' && signing.value.configured ? signing.value.publicKey : null;
  const [sign, setSign] = useState(false);
  // Opened as a saved view (and unchanged since): its exports carry its name.
  const route = useRoute();
  const [saved] = useApi('savedViews.list', {});
  const savedView = openSavedView(route, saved.state === 'ready' ? saved.value : [])?.name ?? null;
  useEffect(
    () =>
      api.on('job.progress', (p) => {
        if (p.kind === 'export' && jobRef.current !== null && p.jobId === jobRef.current) {
          setState((s) => (s.kind === 'running' ? { kind: 'running', done: p.done, total: p.total } : s));
        }
      }),
    [],
  );

  async function run(format: ExportFormat) {
    if (!inElectron) {
      browserDownload(target, format, savedView);
      setState({ kind: 'done', text: `Download of ${exportFileName(view, format, savedView)} started` });
      return;
    }
    try {
      const { path } = await api.call('dialog.saveFile', { title: `Export ${view}`, defaultName: exportFileName(view, format, savedView), format, recent: 'export' });
      if (!path) return;
      const jobId = `export-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      jobRef.current = jobId;
      setState({ kind: 'running', done: 0, total: null });
      const r = await api.call('export.toFile', { ...target, format, path, jobId, sign: sign && signer !== null });
      setState({ kind: 'done', text: `Saved ${formatAmount(r.rows)} rows to ${r.file}${r.signatureFile ? `, signed: ${r.signatureFile}` : ''}` });
    } catch (err) {
      const e = errorText(err);
      setState({ kind: 'error', text: `${e.code}: ${e.message}` });
    } finally {
      jobRef.current = null;
    }
  }

  // The command palette's "Export current view" runs this button's export.
  const runRef = useRef(run);
  useEffect(() => {
    runRef.current = run;
  });
  useEffect(() => registerTable({ exportAs: (format) => void runRef.current(format) }), []);

  const running = state.kind === 'running';
  return (
    <span className="export" data-testid={`export-${view}`}>
      <button type="button" onClick={() => void run('csv')} disabled={running} data-testid="export-csv">
        Export CSV
      </button>
      <button type="button" onClick={() => void run('json')} disabled={running} data-testid="export-json">
        JSON
      </button>
      {signer && (
        <label className="small" data-testid="export-sign" title={signer}>
          <input type="checkbox" checked={sign} onChange={(e) => setSign(e.target.checked)} disabled={running} /> Sign with my key ({signer.slice(0, 4)}…{signer.slice(-4)})
        </label>
      )}
      <span className={`small ${state.kind === 'error' ? 'error-text' : 'muted'}`} role="status" data-testid="export-status">
        {state.kind === 'running' && `Exporting… ${formatAmount(state.done)}${state.total !== null ? ` / ${formatAmount(state.total)}` : ''} rows`}
        {(state.kind === 'done' || state.kind === 'error') && state.text}
      </span>
    </span>
  );
}
