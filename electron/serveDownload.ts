import type http from 'node:http';
import { exportFileName, exportRequest } from '../shared/api/export.js';
import { AppError, type ErrorCode, toApiError } from '../shared/errors.js';
import { describeIssues } from './core/api/dispatch.js';
import type { Engine } from './core/engine.js';
import { runExport } from './core/export/exportSession.js';
import type { ByteSink } from './core/export/writeExport.js';
import { tokenMatches } from './serveGuards.js';

const STATUS_OF: Partial<Record<ErrorCode, number>> = { BAD_INPUT: 400, NOT_FOUND: 404, CANCELLED: 409 };

/**
 * `serve`'s export download: GET HTTP_DOWNLOAD_PATH?token=…&view=…&format=…&filters=<JSON>, streamed straight
 * into the response as an attachment (no temp file on the server: the browser saves it where the user says).
 * Host and Origin were checked by the server before this runs; the token is checked here, as for the API.
 * A download that fails mid-way is cut off (the response is destroyed), so the browser marks it failed instead
 * of saving a truncated file as if it were complete.
 */
export async function serveDownload(
  engine: Engine,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  token: string,
  refuse: (res: http.ServerResponse, status: number, code: ErrorCode, message: string) => void,
): Promise<void> {
  if (!tokenMatches(url.searchParams.get('token'), token)) return refuse(res, 401, 'FORBIDDEN', 'Missing or wrong token');
  if (req.method !== 'GET') return refuse(res, 405, 'BAD_INPUT', 'Downloads use GET');
  let filters: unknown;
  try {
    filters = JSON.parse(url.searchParams.get('filters') ?? '{}');
  } catch (err) {
    return refuse(res, 400, 'BAD_INPUT', `filters is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = exportRequest.safeParse({ view: url.searchParams.get('view'), format: url.searchParams.get('format'), filters });
  if (!parsed.success) return refuse(res, 400, 'BAD_INPUT', `Invalid export request: ${describeIssues(parsed.error.issues)}`);
  const request = parsed.data;
  // The saved view's name only names the file (its characters are reduced to a slug there).
  const name = exportFileName(request.view, request.format, (url.searchParams.get('savedView') ?? '').slice(0, 80) || null);

  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort(new AppError('CANCELLED', `The download of ${name} was cancelled: the browser went away.`));
  });
  const sink: ByteSink = {
    write: (chunk) =>
      new Promise<void>((resolve, reject) => {
        const cancelled = () => reject(new AppError('CANCELLED', `The download of ${name} was cancelled.`));
        if (res.destroyed) return cancelled();
        // Resolved once the chunk is out (its callback), not when it is queued: the export reuses the buffer then.
        res.once('close', cancelled);
        res.write(chunk, (err) => {
          res.off('close', cancelled);
          if (err) cancelled();
          else resolve();
        });
      }),
  };
  try {
    await runExport(engine, request, { via: 'http', signal: controller.signal }, { download: name }, {
      open: async () => {
        res.writeHead(200, {
          'content-type': request.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
          'content-disposition': `attachment; filename="${name}"`,
          'cache-control': 'no-store',
        });
        return sink;
      },
      commit: async (outcome) => {
        await new Promise<void>((resolve) => res.end(resolve));
        return outcome;
      },
      abort: async () => {
        if (res.headersSent) res.destroy();
      },
    });
  } catch (err) {
    if (!res.headersSent) {
      const e = toApiError(err);
      refuse(res, STATUS_OF[e.code] ?? 500, e.code, e.message);
    }
  }
}
