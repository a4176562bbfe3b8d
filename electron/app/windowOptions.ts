import type { BrowserWindowConstructorOptions } from 'electron';

/** Every Electron isolation the app relies on, for the main window and the hidden window that prints reports. */
export const ISOLATED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const satisfies BrowserWindowConstructorOptions['webPreferences'];

/** The one window's options: every Electron security default that matters, stated explicitly. */
export function windowOptions(preloadPath: string, iconPath?: string): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Stellarcarbon Audit Explorer',
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: {
      ...ISOLATED_WEB_PREFERENCES,
      preload: preloadPath,
      safeDialogs: true,
    },
  };
}
