import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import path from 'node:path';
import { createHandlers } from '../core/api/handlers.js';
import { Engine } from '../core/engine.js';
import { startLiveMode } from '../core/live/liveMode.js';
import { resolveDbPath, userDataDir } from '../core/paths.js';
import { keyFileStore, SIGNING_KEY_FILE_ENV } from '../core/signing/signingKey.js';
import { APP_SCHEME, APP_START_URL, serveBundleFile } from './appProtocol.js';
import { dialogHandlers } from './dialogHandlers.js';
import { forwardEvents, registerIpcHandlers } from './ipc.js';
import { menuTemplate } from './menu.js';
import { menuActions } from './menuActions.js';
import { recentFiles, recentHandlers } from './recentFiles.js';
import { safeStorageKeys } from './safeStorageKeys.js';
import { denyAllPermissions, installNavigationGuards } from './navigationGuards.js';
import { appReportHandler } from './reportPdf.js';
import { windowOptions } from './windowOptions.js';

// build/node/electron/app → build/
const BUILD_DIR = path.resolve(__dirname, '..', '..', '..');
const RENDERER_DIR = path.join(BUILD_DIR, 'renderer');
const PRELOAD = path.join(BUILD_DIR, 'preload', 'preload.cjs');

// The same folder the CLI uses by default (see core/paths.ts), so both open one database.
app.setPath('userData', userDataDir());
app.enableSandbox();

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

// One window, one instance: a second launch focuses the first instead of opening the database twice.
if (!app.requestSingleInstanceLock()) app.quit();

app.on('web-contents-created', (_event, contents) => installNavigationGuards(contents, shell));

let mainWindow: BrowserWindow | null = null;

async function start(): Promise<void> {
  // The signing key: encrypted with safeStorage in userData; without one, the key file of SC_SIGNING_KEY_FILE.
  const signingKeys = safeStorageKeys(safeStorage, path.join(app.getPath('userData'), 'signing-key.enc'), keyFileStore(process.env[SIGNING_KEY_FILE_ENV]));
  const engine = new Engine(resolveDbPath(undefined), { signingKeys });
  protocol.handle(APP_SCHEME, (request) => serveBundleFile(RENDERER_DIR, request.url));
  denyAllPermissions(session.defaultSession);
  // dialog.saveFile: the native dialog replaces the core's NOT_FOUND handler (still one handler per method);
  // audit.report prints its PDF with Electron's Chromium instead of Playwright's.
  // Paths chosen in the OS dialogs, remembered per kind (File → Open Recent, the pages' recent lists).
  const recent = recentFiles(path.join(app.getPath('userData'), 'recent-paths.json'));
  const addRecentDocument = process.platform === 'linux' ? undefined : (file: string) => app.addRecentDocument(file);
  const core = createHandlers(engine);
  const dialogs = dialogHandlers(dialog, () => mainWindow, app.getPath('documents'), { store: recent, addRecentDocument });
  registerIpcHandlers(ipcMain, {
    ...core,
    ...dialogs,
    ...recentHandlers(recent),
    ...appReportHandler(engine, (opts) => new BrowserWindow(opts)),
  });
  const actions = menuActions({
    appName: app.getName(),
    window: () => mainWindow,
    dialog,
    shell,
    recent,
    openPath: dialogs['dialog.openPath'],
    info: () => core['app.info']({}, { via: 'ipc' }),
    clearRecentDocuments: () => app.clearRecentDocuments(),
  });
  const buildMenu = () =>
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ platform: process.platform, appName: app.getName(), packaged: app.isPackaged, recent: recent.list() }, actions)));
  buildMenu();
  recent.onChange(buildMenu);
  // A recent path may have gone missing meanwhile: Open Recent is checked again whenever the window comes back.
  app.on('browser-window-focus', buildMenu);
  app.on('open-file', (event, file) => {
    event.preventDefault();
    actions.openFile(file);
  });

  mainWindow = new BrowserWindow(windowOptions(PRELOAD, path.join(BUILD_DIR, '..', 'resources', 'icon.png')));
  forwardEvents(engine, mainWindow.webContents);
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  await mainWindow.loadURL(APP_START_URL);
  // Live mode (SC_LIVE, on by default) and the announcements of other processes' catch-ups.
  startLiveMode(engine);

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => {
    engine.close();
    app.quit();
  });
}

void app.whenReady().then(start);
