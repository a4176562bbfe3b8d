import { z } from 'zod';
import { method } from '../contractKit.js';
import { changeFilter, operationFilter } from './audit.js';
import { clientJobId } from './jobs.js';
import { recentKind } from './recent.js';
import { driftParams } from './drift.js';
import { distributionTxsParams, inventoryParams, retirementsParams, sinkingTxsParams } from './views.js';

/**
 * Export of a whole table view (every matching row, not one page) with the same filters and order as the view.
 * Electron: ask 'dialog.saveFile' for a path, then 'export.toFile'. `serve`: GET HTTP_DOWNLOAD_PATH (below),
 * which streams the file as a browser download. Both are recorded in the operation log (rows, sha256).
 */
export const EXPORT_VIEWS = ['inventory', 'sinkingTxs', 'retirements', 'distributionTxs', 'operations', 'changes', 'drift'] as const;
export type ExportView = (typeof EXPORT_VIEWS)[number];
export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The view's own params without paging (cursor, limit): an export is every matching row. */
export const exportFilters = {
  inventory: inventoryParams,
  sinkingTxs: sinkingTxsParams.omit({ cursor: true, limit: true }),
  retirements: retirementsParams.omit({ cursor: true, limit: true }),
  distributionTxs: distributionTxsParams.omit({ cursor: true, limit: true }),
  /** The audit trail's operation log and change log (newest first, as their tables show them). */
  operations: operationFilter.omit({ before: true, limit: true }),
  changes: changeFilter.omit({ before: true, limit: true }),
  /** The registry drift log (issue 15). */
  drift: driftParams.omit({ cursor: true, limit: true }),
} as const satisfies Record<ExportView, z.ZodType>;

const format = z.enum(EXPORT_FORMATS);

const requestMembers = [
  z.object({ view: z.literal('inventory'), filters: exportFilters.inventory.default({ omitEmpty: false }), format }).strict(),
  z.object({ view: z.literal('sinkingTxs'), filters: exportFilters.sinkingTxs.default({ order: 'desc' }), format }).strict(),
  z.object({ view: z.literal('retirements'), filters: exportFilters.retirements.default({ order: 'desc' }), format }).strict(),
  z.object({ view: z.literal('distributionTxs'), filters: exportFilters.distributionTxs.default({ order: 'desc' }), format }).strict(),
  z.object({ view: z.literal('operations'), filters: exportFilters.operations.default({}), format }).strict(),
  z.object({ view: z.literal('changes'), filters: exportFilters.changes.default({}), format }).strict(),
  z.object({ view: z.literal('drift'), filters: exportFilters.drift.default({ order: 'desc' }), format }).strict(),
] as const;

/** What to export: view + its filters + format (shared by export.toFile and the HTTP download). */
export const exportRequest = z.discriminatedUnion('view', requestMembers);
export type ExportRequest = z.output<typeof exportRequest>;

const fileFields = {
  /** Absolute path, normally from dialog.saveFile. An existing file is replaced (the dialog asked). */
  path: z.string().min(1).max(4096),
  note: z.string().max(1000).optional(),
  jobId: clientJobId.optional(),
  /** Also write FILE.sig.json, signed with the configured signing key (see signing.status). */
  sign: z.boolean().optional(),
};

export const exportToFileParams = z.discriminatedUnion('view', [
  requestMembers[0].extend(fileFields),
  requestMembers[1].extend(fileFields),
  requestMembers[2].extend(fileFields),
  requestMembers[3].extend(fileFields),
  requestMembers[4].extend(fileFields),
  requestMembers[5].extend(fileFields),
  requestMembers[6].extend(fileFields),
]);
export type ExportToFileParams = z.output<typeof exportToFileParams>;

export interface ExportResult {
  file: string;
  rows: number;
  bytes: number;
  sha256: string;
  operationId: string;
  /** FILE.sig.json when the export was signed. */
  signatureFile?: string;
}

export const saveFileParams = z
  .object({
    title: z.string().max(200).optional(),
    /** A file name (no folder) to propose, e.g. 'sinking-txs-2026-11-24.csv'. */
    defaultName: z.string().max(255).optional(),
    /** Restricts the dialog's file types. */
    format: z.enum(['csv', 'json', 'sqlite']).optional(),
    /** The chosen path is remembered among the recent paths of this kind (and the dialog opens beside the last one). */
    recent: recentKind.optional(),
  })
  .strict();

export const openPathParams = z
  .object({
    title: z.string().max(200).optional(),
    /** folder: a dump folder; sqlite: a backup file to apply. */
    kind: z.enum(['folder', 'sqlite']),
    recent: recentKind.optional(),
  })
  .strict();

export const exportMethods = {
  'export.toFile': method<ExportResult>()(exportToFileParams, { job: true }),
  /** Desktop app only (a native save dialog); elsewhere NOT_FOUND. path null: the user cancelled. */
  'dialog.saveFile': method<{ path: string | null }>()(saveFileParams),
  /** Desktop app only (a native open dialog); elsewhere NOT_FOUND, and the page keeps its text field. */
  'dialog.openPath': method<{ path: string | null }>()(openPathParams),
};

/**
 * `serve` only: GET `${HTTP_DOWNLOAD_PATH}?token=…&view=…&format=…&filters=<JSON>` streams the export as a
 * download (Content-Disposition: attachment). Use downloadQuery to build the query string.
 */
export const HTTP_DOWNLOAD_PATH = '/api-download';

export function downloadQuery(token: string, req: { view: ExportView; format: ExportFormat; filters?: Record<string, unknown>; savedView?: string | null }): string {
  const q = new URLSearchParams({ token, view: req.view, format: req.format, filters: JSON.stringify(req.filters ?? {}) });
  if (req.savedView) q.set('savedView', req.savedView);
  return `${HTTP_DOWNLOAD_PATH}?${q.toString()}`;
}

/** A file-name-safe form of a saved view's name ("Open sales / G…" → "open-sales-g"). */
export function fileSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 60);
}

/** A proposed file name: '<view>[-<saved view>]-<YYYY-MM-DD>.<format>' (an export of a saved view carries its name). */
export function exportFileName(view: ExportView, fmt: ExportFormat, savedView: string | null = null, today = new Date()): string {
  const slug = savedView ? fileSlug(savedView) : '';
  return `${view}${slug ? `-${slug}` : ''}-${today.toISOString().slice(0, 10)}.${fmt}`;
}
