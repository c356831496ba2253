// Unit and integration tests that run in Node: core rules, the server (app.request() against real
// SQLite files) and the client's data code (Dexie on fake-indexeddb). Browser tests run in wtr.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          include: ['core/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'client-data',
          // The service worker's handlers take the worker's parts as arguments, so they run here too.
          include: ['client/**/*.test.ts', 'sw/**/*.test.ts'],
          exclude: ['client/**/*.browser.test.ts'],
          environment: 'node',
          setupFiles: ['fake-indexeddb/auto'],
        },
      },
    ],
  },
});
