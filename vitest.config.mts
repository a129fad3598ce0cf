import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./', import.meta.url)),
      // `server-only` throws outside React's server condition; tests run on the server side.
      'server-only': fileURLToPath(new URL('./scripts/empty-module.ts', import.meta.url)),
    },
  },
  test: {
    include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // A passing run stays quiet: code under test that logs through lib/log prints errors only; a test
    // that needs more can run with LOG_LEVEL=debug.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' },
    testTimeout: 20_000,
    pool: 'forks',
    globalSetup: ['test/pg-global-setup.ts'],
    setupFiles: ['test/pg-per-file.ts'],
  },
});
