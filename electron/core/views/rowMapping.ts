import type { RetiredFromBlockRow, RetirementRow, SinkStatusRow, VcsProjectRow } from '../../../shared/api/views.js';
import { RETIREMENT_SPEC, SINK_STATUS_SPEC } from './outputFields.js';
import { int, rowMapper, type RowSpec, text, textOrNull } from './rowCodec.js';

/**
 * The rows several views share (read with safeIntegers, so every INTEGER is a BigInt) → the JSON-safe API rows.
 * Counts and ids become numbers (they are small), TOIDs strings, minor units exact decimal strings (rowCodec.ts).
 */
const VCS_PROJECT_SPEC = {
  id: int,
  name: text,
  category: text,
  protocol: text,
  additional_certifications: textOrNull,
  region: text,
  country: text,
} as const satisfies RowSpec<VcsProjectRow>;

/** A retirement_from_block link joined with its block's serial range (a retirement's and a block's detail). */
const RETIRED_FROM_BLOCK_SPEC = {
  retirement_id: int,
  block_hash: text,
  vcu_amount: int,
  serial_number: text,
  block_start: int,
  block_end: int,
} as const satisfies RowSpec<RetiredFromBlockRow>;

export const sinkStatusRow: (r: Record<string, unknown>) => SinkStatusRow = rowMapper(SINK_STATUS_SPEC);
export const retirementRow: (r: Record<string, unknown>) => RetirementRow = rowMapper(RETIREMENT_SPEC);
export const vcsProjectRow: (r: Record<string, unknown>) => VcsProjectRow = rowMapper(VCS_PROJECT_SPEC);
export const retiredFromBlockRow: (r: Record<string, unknown>) => RetiredFromBlockRow = rowMapper(RETIRED_FROM_BLOCK_SPEC);
