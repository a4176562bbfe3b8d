/** Per-column options the table reads from `columnDef.meta`. */
export interface ColumnMeta {
  /** Right-aligned tabular digits (amounts, counts). */
  numeric?: boolean;
  /** The server sorts by this column (its keyset order); the only sortable one. */
  serverSort?: boolean;
}

/** A column's options (none set when it has no meta). */
export function columnMeta(column: { columnDef: { meta?: unknown } }): ColumnMeta {
  return (column.columnDef.meta ?? {}) as ColumnMeta;
}
