import { defineConfig, devices } from '@playwright/test';
import { E2E, IDP, LIVE, SSO } from './e2e/env';
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
  // The servers' output goes only to their log files; this reporter prints their tails if the run fails.
  reporter: [
    ['list'],
    ...(CI ? [['html', { open: 'never' }] as const] : []),
    ['./e2e/server-log-reporter.ts'],
  ],
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
      // Quiet: the server writes to DATA_DIR/server.log (scripts/e2e-server.ts); stderr carries only its
      // own one-line notices.
      stdout: 'ignore',
      stderr: 'pipe',
      env: E2E.serverEnv,
      // Stopped as an operator would (SIGTERM: the app drains, then PostgreSQL stops), not with SIGKILL to the
      // group: `npm start` runs its PostgreSQL in a process group of its own, which that would leave running.
      gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    },
    {
      // The same build on a live-mode key; it waits for the first server's build rather than building too.
      command: 'tsx scripts/e2e-server.ts',
      url: `${LIVE.baseURL}/login`,
      timeout: 480_000,
      reuseExistingServer: !CI,
      stdout: 'ignore',
      stderr: 'pipe',
      env: LIVE.serverEnv,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    },
    {
      // The local identity provider for the single sign-on specs (e2e/sso*.spec.ts); quiet like the others.
      command: 'tsx scripts/idp.ts',
      url: `${IDP.issuer}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: !CI,
      stdout: 'ignore',
      stderr: 'ignore',
      env: SSO.idpEnv,
    },
    {
      // The same build with single sign-on against that provider; passwords break-glass only.
      command: 'tsx scripts/e2e-server.ts',
      url: `${SSO.baseURL}/login`,
      timeout: 480_000,
      reuseExistingServer: !CI,
      stdout: 'ignore',
      stderr: 'pipe',
      env: SSO.serverEnv,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    },
  ],
});
