import { useState } from 'react';
import { api, errorText } from '../api/client';
import { inElectron } from '../api/transport';

/**
 * An absolute path on this computer: a folder of dumps or a backup file. In the desktop app "Choose…" fills it
 * from a native open dialog (dialog.openPath); in a browser on `serve` there is no such dialog, so it is typed.
 */
export function PathField(props: {
  id?: string;
  kind: 'folder' | 'sqlite';
  value: string;
  onChange: (path: string) => void;
  placeholder: string;
  /** The dialog's title, e.g. "Choose a dump folder". */
  title: string;
  disabled?: boolean;
  testId?: string;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  async function choose() {
    setProblem(null);
    try {
      const { path } = await api.call('dialog.openPath', { kind: props.kind, title: props.title });
      if (path) props.onChange(path);
    } catch (err) {
      const e = errorText(err);
      setProblem(`${e.code}: ${e.message}`);
    }
  }
  return (
    <span className="path-field">
      <input
        id={props.id}
        type="text"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        placeholder={props.placeholder}
        disabled={props.disabled}
        data-testid={props.testId}
      />
      {inElectron && (
        <button type="button" onClick={() => void choose()} disabled={props.disabled} data-testid={props.testId ? `${props.testId}-choose` : undefined}>
          Choose…
        </button>
      )}
      {problem && <span className="error-text small">{problem}</span>}
    </span>
  );
}
