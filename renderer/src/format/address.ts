import { strkeyKind } from '../../../shared/strkey';

/** Stellar addresses (G…, C…, 56 chars) and 64-hex hashes: shortened for tables, full on hover and on copy. */
export function shortenMiddle(value: string, head = 4, tail = 4): string {
  if (value.length <= head + tail + 1) return value;
  return `${value.slice(0, head)}…${value.slice(-tail)}`;
}

export function shortAddress(address: string | null | undefined): string {
  return address ? shortenMiddle(address, 4, 4) : '';
}

export function shortHash(hash: string | null | undefined): string {
  return hash ? shortenMiddle(hash, 8, 6) : '';
}

/** Public explorers (opened in the OS browser by Electron's window-open handler). */
export const STELLAR_EXPLORER = 'https://stellar.expert/explorer/public';

export function txExplorerUrl(hash: string): string {
  return `${STELLAR_EXPLORER}/tx/${encodeURIComponent(hash)}`;
}

export function accountExplorerUrl(account: string): string {
  return `${STELLAR_EXPLORER}/account/${encodeURIComponent(account)}`;
}

export function contractExplorerUrl(contract: string): string {
  return `${STELLAR_EXPLORER}/contract/${encodeURIComponent(contract)}`;
}

/** A sale's funder or recipient on stellar.expert: an account page (G…) or a contract page (C…); null for neither. */
export function addressExplorerUrl(address: string): string | null {
  switch (strkeyKind(address)) {
    case 'account':
      return accountExplorerUrl(address);
    case 'contract':
      return contractExplorerUrl(address);
    default:
      return null;
  }
}

/** What an address is, in words, for titles and link labels. */
export function addressKindLabel(address: string): 'account' | 'contract' | 'address' {
  return strkeyKind(address) ?? 'address';
}

/** Verra's public registry: a project page, and the retirement search for a certificate (holding) id. */
export function verraProjectUrl(projectId: number): string {
  return `https://registry.verra.org/app/projectDetail/VCS/${projectId}`;
}

export function verraRetirementUrl(certificateId: number): string {
  return `https://registry.verra.org/app/search/VCS/Retirements%20and%20Cancellations?holdingIdentifier=${certificateId}`;
}
