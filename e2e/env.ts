// Where the e2e app and its sandbox run, shared by the Playwright config and the fixtures.
const port = Number(process.env.E2E_PORT ?? 3100);
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? 4110);

export const E2E = {
  baseURL: `http://localhost:${port}`,
  sandboxURL: `http://127.0.0.1:${sandboxPort}`,
  adminSecret: 'e2e-sandbox-admin-secret-0001',
  key: 'fsk_test_e2e_0123456789abcdef',
  serverEnv: {
    PORT: String(port),
    DATA_DIR: '.e2e-data',
    FLEX_SANDBOX_PORT: String(sandboxPort),
    FLEX_SANDBOX_KEYS: 'fsk_test_e2e_0123456789abcdef',
    FLEX_SANDBOX_ADMIN_SECRET: 'e2e-sandbox-admin-secret-0001',
    FLEX_SANDBOX_RATE: '1000',
    FLEX_TIMEOUT_MS: '3000',
    LOG_LEVEL: 'info',
    SIGN_IN_MAX_DELAY_SECONDS: '3',
  } as Record<string, string>,
};
