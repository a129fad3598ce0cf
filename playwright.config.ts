import { defineConfig, devices } from '@playwright/test';
import { E2E, LIVE } from './e2e/env';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium';

const CI = !!process.env.CI;

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1, // one app, one sandbox: tests change shared state and reset it
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: E2E.baseURL,
    trace: CI ? 'on-first-retry' : 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: CHROMIUM_ARGS,
        },
      },
    },
  ],
  webServer: [
    {
      command: 'tsx scripts/e2e-server.ts',
      url: `${E2E.baseURL}/login`,
      timeout: 420_000,
      reuseExistingServer: !CI,
      stdout: 'pipe',
      stderr: 'pipe',
      env: E2E.serverEnv,
    },
    {
      // The same build on a live-mode key; it waits for the first server's build rather than building too.
      command: 'tsx scripts/e2e-server.ts',
      url: `${LIVE.baseURL}/login`,
      timeout: 480_000,
      reuseExistingServer: !CI,
      env: LIVE.serverEnv,
    },
  ],
});
