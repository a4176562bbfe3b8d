import { shortAddress, shortHash } from '../format/address';
import { CopyButton } from './CopyButton';

/** A Stellar account or contract id: shortened, the full value on hover, a copy button. */
export function Address({ value, full = false }: { value: string | null | undefined; full?: boolean }) {
  if (!value) return <span className="muted">—</span>;
  return (
    <span className="address mono">
      <span title={value}>{full ? value : shortAddress(value)}</span>
      <CopyButton value={value} />
    </span>
  );
}

/** A 64-hex hash (tx hash, serial hash), optionally a link to its detail in this app. */
export function Hash({ value, href, full = false, testId }: { value: string | null | undefined; href?: string; full?: boolean; testId?: string }) {
  if (!value) return <span className="muted">—</span>;
  const text = full ? value : shortHash(value);
  return (
    <span className="address mono">
      {href ? (
        <a href={href} title={value} data-testid={testId} onClick={(e) => e.stopPropagation()}>
          {text}
        </a>
      ) : (
        <span title={value}>{text}</span>
      )}
      <CopyButton value={value} />
    </span>
  );
}
