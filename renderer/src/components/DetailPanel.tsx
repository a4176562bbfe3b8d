import { useEffect, useRef } from 'react';

/**
 * The side panel with a selected record. Focus stays in the table (so ↑/↓ keep walking the rows while the
 * panel follows); Escape closes the panel from the table or from inside the panel.
 */
export function DetailPanel({ title, onClose, children, testId }: { title: React.ReactNode; onClose: () => void; children: React.ReactNode; testId?: string }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && ref.current?.contains(document.activeElement)) {
        // Back to the table the row was chosen in, so the keyboard carries on from there.
        const grid = ref.current.parentElement?.querySelector<HTMLElement>('[role="grid"]') ?? document.querySelector<HTMLElement>('main [role="grid"]');
        onClose();
        grid?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <aside className="detail" ref={ref} aria-label="Detail" data-testid={testId}>
      <header className="detail-head">
        <h2>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close detail" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="detail-body">{children}</div>
    </aside>
  );
}

/** A definition list row in a detail panel. */
export function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="field">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
