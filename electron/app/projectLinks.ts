import { isSafeExternalUrl } from './navigationGuards.js';

/**
 * The project's public home: Help → README / SECURITY open its pages in the OS browser. A packaged app holds no
 * Markdown files (only the bundle), and the repository's pages are the maintained, current text, so the menu links
 * there rather than shipping a copy that goes stale. PLACEHOLDER owner/repo: set them to the real repository,
 * together with `publish` in electron-builder.yml (a unit test checks that both name the same repository).
 */
export const PROJECT_REPO = { owner: 'stellarcarbon', repo: 'sc-audit-explorer' } as const;
export const PROJECT_HOST = 'github.com';

export const HELP_DOCS = { readme: 'README.md', security: 'SECURITY.md' } as const;
export type HelpDoc = keyof typeof HELP_DOCS;

export function helpUrl(doc: HelpDoc): string {
  return `https://${PROJECT_HOST}/${PROJECT_REPO.owner}/${PROJECT_REPO.repo}/blob/main/${HELP_DOCS[doc]}`;
}

/** Only https, only the project's host, only inside the project's repository. */
export function isProjectUrl(raw: string): boolean {
  if (!isSafeExternalUrl(raw)) return false;
  const url = new URL(raw);
  return url.host === PROJECT_HOST && url.pathname.startsWith(`/${PROJECT_REPO.owner}/${PROJECT_REPO.repo}/`);
}
