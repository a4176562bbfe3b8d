import { useEffect, useId, useState } from 'react';

/**
 * Filter inputs that write to the URL. Text commits after a short pause or on Enter, and only when valid, so
 * a half-typed account id never reaches the server; the reason is shown under the field instead.
 */
export function TextFilter(props: {
  label: string;
  value: string;
  onCommit: (value: string) => void;
  placeholder?: string;
  validate?: (value: string) => string | null;
  wide?: boolean;
  disabled?: boolean;
  title?: string;
  testId?: string;
}) {
  const { value, onCommit, validate } = props;
  const [draft, setDraft] = useState(value);
  const [synced, setSynced] = useState(value);
  if (synced !== value) {
    // The URL changed under us (back button, a cross-link): show its value.
    setSynced(value);
    setDraft(value);
  }
  const problem = draft.trim() && validate ? validate(draft.trim()) : null;
  useEffect(() => {
    if (draft.trim() === value || problem) return;
    const t = setTimeout(() => onCommit(draft.trim()), 450);
    return () => clearTimeout(t);
  }, [draft, value, problem, onCommit]);
  const id = useId();
  return (
    <label className={`filter${props.wide ? ' wide' : ''}`} htmlFor={id} title={props.title}>
      {props.label}
      <input
        id={id}
        type="search"
        value={draft}
        placeholder={props.placeholder}
        disabled={props.disabled}
        aria-invalid={problem ? true : undefined}
        data-testid={props.testId}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !problem) onCommit(draft.trim());
        }}
      />
      {problem && <span className="hint">{problem}</span>}
    </label>
  );
}

export function DateFilter(props: { label: string; value: string; onCommit: (value: string) => void; testId?: string }) {
  const id = useId();
  return (
    <label className="filter" htmlFor={id}>
      {props.label}
      <input id={id} type="date" value={props.value} data-testid={props.testId} onChange={(e) => props.onCommit(e.target.value)} />
    </label>
  );
}

export function SelectFilter(props: {
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onCommit: (value: string) => void;
  testId?: string;
}) {
  const id = useId();
  return (
    <label className="filter" htmlFor={id}>
      {props.label}
      <select id={id} value={props.value} data-testid={props.testId} onChange={(e) => props.onCommit(e.target.value)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function CheckFilter(props: { label: string; checked: boolean; onCommit: (checked: boolean) => void; testId?: string }) {
  return (
    <label className="filter check">
      <input type="checkbox" checked={props.checked} data-testid={props.testId} onChange={(e) => props.onCommit(e.target.checked)} />
      {props.label}
    </label>
  );
}

export function FilterBar({ children, onClear, active }: { children: React.ReactNode; onClear?: () => void; active?: boolean }) {
  return (
    <div className="filters" role="search">
      {children}
      {onClear && active && (
        <button type="button" className="link-button" onClick={onClear}>
          Clear filters
        </button>
      )}
    </div>
  );
}
