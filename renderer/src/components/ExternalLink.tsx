/** An https link that Electron opens in the OS browser (its window-open handler) and a browser in a new tab. */
export function ExternalLink({ href, title, children }: { href: string; title?: string; children: React.ReactNode }) {
  return (
    <a className="external" href={href} title={title} target="_blank" rel="noreferrer" onClick={(e) => e.stopPropagation()}>
      {children}
      <span aria-hidden="true"> ↗</span>
    </a>
  );
}
