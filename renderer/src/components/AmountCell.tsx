import { formatAmount } from '../format/amount';

/** An exact decimal amount, right-aligned with tabular digits; the raw string is the title for copying. */
export function Amount({ value, scale, unit }: { value: string | number | null | undefined; scale?: number; unit?: string }) {
  if (value === null || value === undefined || value === '') return <span className="muted">—</span>;
  const text = formatAmount(value, scale === undefined ? {} : { scale });
  return (
    <span className="amount" title={String(value)}>
      {text}
      {unit && <span className="unit"> {unit}</span>}
    </span>
  );
}
