/** A text cell that may be cut by its column's width: the whole text is in the tooltip. null shows as empty. */
export function TextCell({ value, mono }: { value: string | null; mono?: boolean }) {
  return (
    <span className={mono ? 'mono' : undefined} title={value ?? ''}>
      {value ?? ''}
    </span>
  );
}
