import { AppError } from '../../../shared/errors.js';
import type { HandlerSlice } from './handlerTypes.js';

const desktopOnly = (): never => {
  throw new AppError('NOT_FOUND', 'Recent paths are remembered by the desktop app\'s dialogs only; in the browser, type the path.');
};

/** The desktop app replaces these (electron/app/recentFiles.ts), as it replaces the dialogs: one handler per method. */
export const recentHandlers: HandlerSlice<'recent.list' | 'recent.touch' | 'recent.clear'> = () => ({
  'recent.list': desktopOnly,
  'recent.touch': desktopOnly,
  'recent.clear': desktopOnly,
});
