import { useEffect } from 'react';
import type { RecentKind } from '../../../shared/api/recent';
import { useApi } from '../hooks/useApi';

const NOUN: Record<RecentKind, string> = { backup: 'backups', dump: 'dump folders', export: 'exports', report: 'report folders' };

/**
 * The desktop app's recent paths of one kind (chosen before in the OS dialogs, newest first), as a picker beside a
 * path field. A path that is no longer there is listed as missing and cannot be picked.
 */
export function RecentPaths(props: { kind: RecentKind; onPick: (path: string) => void; disabled?: boolean; testId?: string; refresh: number }) {
  const [recent, reload] = useApi('recent.list', { kind: props.kind });
  useEffect(() => {
    if (props.refresh > 0) reload();
  }, [props.refresh, reload]);
  if (recent.state !== 'ready' || recent.value.entries.length === 0) return null;
  return (
    <select
      aria-label={`Recent ${NOUN[props.kind]}`}
      value=""
      onChange={(e) => e.target.value && props.onPick(e.target.value)}
      disabled={props.disabled}
      data-testid={props.testId}
    >
      <option value="">Recent…</option>
      {recent.value.entries.map((e) => (
        <option key={e.path} value={e.path} disabled={!e.exists}>
          {e.exists ? e.path : `${e.path} (missing)`}
        </option>
      ))}
    </select>
  );
}
