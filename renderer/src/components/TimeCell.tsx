import { formatLocal, formatUtc } from '../format/time';

/** A UTC datetime as stored; the local time on hover. */
export function Time({ value }: { value: string | null | undefined }) {
  if (!value) return <span className="muted">—</span>;
  const isDate = /^\d{4}-\d{2}-\d{2}$/.test(value);
  return (
    <time className="time" dateTime={isDate || value.endsWith('Z') ? value : `${value}Z`} title={isDate ? undefined : formatLocal(value)}>
      {formatUtc(value)}
    </time>
  );
}
