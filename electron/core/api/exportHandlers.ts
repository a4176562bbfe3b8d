import { AppError } from '../../../shared/errors.js';
import { exportToFile } from '../export/exportToFile.js';
import type { HandlerSlice } from './handlerTypes.js';

export const exportHandlers: HandlerSlice<'export.toFile' | 'dialog.saveFile' | 'dialog.openPath'> = (engine) => ({
  'export.toFile': (p, ctx) => exportToFile(engine, p, { via: ctx.via, signal: ctx.signal }),
  // The desktop app replaces this with a native save dialog (electron/app/dialogHandlers.ts). In `serve` the
  // browser downloads through HTTP_DOWNLOAD_PATH instead, and the CLI takes a path argument.
  'dialog.saveFile': () => {
    throw new AppError('NOT_FOUND', 'A save dialog exists only in the desktop app; in the browser, exports download directly.');
  },
  'dialog.openPath': () => {
    throw new AppError('NOT_FOUND', 'An open dialog exists only in the desktop app; in the browser, type the path.');
  },
});
