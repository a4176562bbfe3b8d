import { useState } from 'react';
import type { RecentKind } from '../../../shared/api/recent';
import { api, errorText } from '../api/client';
import { inElectron } from '../api/transport';
import { RecentPaths } from './RecentPaths';

/**
 * An absolute path on this computer: a folder of dumps, a backup file, a report folder. In the desktop app it comes
 * only from the native open dialog ("Choose…", dialog.openPath) or the recent paths of its kind, and the field is
 * read-only; in a browser on `serve` there is no such dialog, so it is typed.
 */
export function PathField(props: {
  id?: string;
  kind: 'folder' | 'sqlite';
  /** Which recent paths it offers and adds to. */
  recent: RecentKind;
  value: string;
  onChange: (path: string) => void;
  placeholder: string;
  /** The dialog's title, e.g. "Choose a dump folder". */
  title: string;
  /** Empty is a valid value (e.g. the report's default folder): the desktop field then has a Clear button. */
  optional?: boolean;
  disabled?: boolean;
  testId?: string;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const [chosen, setChosen] = useState(0);
  const sub = (suffix: string) => (props.testId ? `${props.testId}-${suffix}` : undefined);
  async function choose() {
    setProblem(null);
    try {
      const { path } = await api.call('dialog.openPath', { kind: props.kind, title: props.title, recent: props.recent });
      if (path) {
        props.onChange(path);
        setChosen((n) => n + 1);
      }
    } catch (err) {
      const e = errorText(err);
      setProblem(`${e.code}: ${e.message}`);
    }
  }
  async function pickRecent(path: string) {
    props.onChange(path);
    try {
      await api.call('recent.touch', { kind: props.recent, path });
      setChosen((n) => n + 1);
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
        readOnly={inElectron}
        placeholder={inElectron && !props.optional ? 'none chosen yet' : props.placeholder}
        disabled={props.disabled}
        data-testid={props.testId}
      />
      {inElectron && (
        <>
          <button type="button" onClick={() => void choose()} disabled={props.disabled} data-testid={sub('choose')}>
            Choose…
          </button>
          <RecentPaths kind={props.recent} onPick={(path) => void pickRecent(path)} disabled={props.disabled} refresh={chosen} testId={sub('recent')} />
          {props.optional && props.value && (
            <button type="button" onClick={() => props.onChange('')} disabled={props.disabled} data-testid={sub('clear')}>
              Clear
            </button>
          )}
        </>
      )}
      {problem && <span className="error-text small">{problem}</span>}
    </span>
  );
}
