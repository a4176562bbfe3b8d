import os from 'node:os';
import path from 'node:path';

/** Electron names the user-data folder after package.json's productName; the CLI must find the same folder. */
export const PRODUCT_NAME = 'Stellarcarbon Audit Explorer';
export const DB_FILE_NAME = 'sc-audit.sqlite3';

/**
 * The per-user application-data folder, computed exactly as Electron's app.getPath('userData') does,
 * so the desktop app, the CLI and `serve` share one database file by default.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = env.HOME ?? os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}

/** `--db` beats `SC_DB_PATH`, which beats the app-data default. */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return path.resolve(flag);
  if (env.SC_DB_PATH) return path.resolve(env.SC_DB_PATH);
  return path.join(userDataDir(env), DB_FILE_NAME);
}
