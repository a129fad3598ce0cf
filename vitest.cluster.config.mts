// The multi-server suite (`npm run test:cluster`): real app servers behind the proxy on the embedded
// PostgreSQL, started by `npm run cluster`. Builds once when the build is stale.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./', import.meta.url)),
      'server-only': fileURLToPath(new URL('./scripts/empty-module.ts', import.meta.url)),
    },
  },
  test: {
    include: ['test/cluster/**/*.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 900_000, // the first run builds the app
    fileParallelism: false,
    pool: 'forks',
    env: { LOG_LEVEL: 'error' },
  },
});
