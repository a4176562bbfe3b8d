import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DB_FILE_NAME, PRODUCT_NAME, resolveDbPath, userDataDir } from './paths.js';

describe('database location', () => {
  it('matches Electron userData on each platform', () => {
    expect(userDataDir({ HOME: '/home/a' }, 'linux')).toBe(path.join('/home/a/.config', PRODUCT_NAME));
    expect(userDataDir({ HOME: '/home/a', XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe(path.join('/cfg', PRODUCT_NAME));
    expect(userDataDir({ HOME: '/Users/a' }, 'darwin')).toBe(path.join('/Users/a/Library/Application Support', PRODUCT_NAME));
    expect(userDataDir({ HOME: 'C:/Users/a', APPDATA: 'C:/Users/a/AppData/Roaming' }, 'win32')).toBe(
      path.join('C:/Users/a/AppData/Roaming', PRODUCT_NAME),
    );
  });

  it('prefers --db, then SC_DB_PATH, then the app-data default', () => {
    const env = { HOME: '/home/a', SC_DB_PATH: '/data/env.sqlite3' };
    expect(resolveDbPath('/x/flag.sqlite3', env)).toBe(path.resolve('/x/flag.sqlite3'));
    expect(resolveDbPath(undefined, env)).toBe(path.resolve('/data/env.sqlite3'));
    expect(resolveDbPath(undefined, { HOME: '/home/a' })).toBe(path.join('/home/a/.config', PRODUCT_NAME, DB_FILE_NAME));
  });

  it('uses the productName Electron derives userData from', async () => {
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { productName: string };
    expect(pkg.productName).toBe(PRODUCT_NAME);
  });
});
