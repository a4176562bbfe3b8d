import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/src/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A backstop: a catch-up on an empty database bootstraps from SC_DATA_URL, whose default is on the internet.
    // Tests that mean to bootstrap point it at a local fake; any other bootstrap fails at once on this folder.
    env: { SC_DATA_URL: 'no-published-data-in-tests' },
  },
});
