import { isContractId } from '../../../shared/strkey';
import { addressExplorerUrl, shortAddress, shortHash } from '../format/address';
import { CopyButton } from './CopyButton';
import { ExternalLink } from './ExternalLink';

/**
 * A Stellar account (G…) or contract (C…) id: shortened, the full value on hover, a copy button. With `explorer`
 * it links to its page on stellar.expert (opened in the OS browser) and a contract is also marked as one.
 */
export function Address({ value, full = false, explorer = false }: { value: string | null | undefined; full?: boolean; explorer?: boolean }) {
  if (!value) return <span className="muted">—</span>;
  const text = full ? value : shortAddress(value);
  // Only the contract check: tables draw many addresses, and an account id is told apart by its first letter.
  const contract = isContractId(value);
  const title = contract ? `Contract ${value}` : value;
  const href = explorer ? addressExplorerUrl(value) : null;
  return (
    <span className="address mono">
      {href ? (
        <ExternalLink href={href} title={`${title} on stellar.expert`}>
          {text}
        </ExternalLink>
      ) : (
        <span title={title}>{text}</span>
      )}
      {explorer && contract && (
        <span className="badge badge-info" title="A Soroban contract, not an account">
          contract
        </span>
      )}
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
