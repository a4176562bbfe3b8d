/** The audited data tables, as the change log and the provenance check name them. */
export const DATA_TABLES = ['vcs_projects', 'minted_blocks', 'retirements', 'sinking_txs', 'distribution_txs', 'retirement_from_block', 'sink_status'] as const;

/** Select options with an "any" first. */
export const anyOf = (values: readonly string[]) => [{ value: '', label: 'any' }, ...values.map((v) => ({ value: v, label: v }))];
