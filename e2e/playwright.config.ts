import { defineConfig } from '@playwright/test';
import fs from 'node:fs';

/**
 * Chromium drives the real renderer against `serve` (same handlers as Electron). Debian's /usr/bin/chromium is
 * used when present (CHROMIUM_PATH overrides), otherwise Playwright's own browser.
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: '.',
  outputDir: '../test-results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium-serve',
      testDir: './serve',
      use: {
        browserName: 'chromium',
        launchOptions: {
          ...(chromiumPath ? { executablePath: chromiumPath } : {}),
          // As root in a container Chromium needs --no-sandbox; the background-networking flags keep it off the
          // closed network.
          args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      },
    },
    {
      name: 'electron',
      testDir: './electron',
    },
  ],
});
