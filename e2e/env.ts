// Where the e2e app and its sandbox run, shared by the Playwright config and the fixtures.
// Data in the temporary directory: the embedded PostgreSQL's user must be able to reach it (not so under /root).
import os from 'node:os';
import path from 'node:path';

const port = Number(process.env.E2E_PORT ?? 3100);
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? 4110);
const livePort = Number(process.env.E2E_LIVE_PORT ?? 3101);
const liveSandboxPort = Number(process.env.E2E_LIVE_SANDBOX_PORT ?? 4111);

export const E2E = {
  baseURL: `http://localhost:${port}`,
  sandboxURL: `http://127.0.0.1:${sandboxPort}`,
  adminSecret: 'e2e-sandbox-admin-secret-0001',
  key: 'fsk_test_e2e_0123456789abcdef',
  serverEnv: {
    PORT: String(port),
    DATA_DIR: path.join(os.tmpdir(), `desk-e2e-${port}`),
    FLEX_SANDBOX_PORT: String(sandboxPort),
    FLEX_SANDBOX_KEYS: 'fsk_test_e2e_0123456789abcdef',
    FLEX_SANDBOX_ADMIN_SECRET: 'e2e-sandbox-admin-secret-0001',
    FLEX_SANDBOX_RATE: '1000',
    FLEX_TIMEOUT_MS: '3000',
    LOG_LEVEL: 'info',
    SIGN_IN_MAX_DELAY_SECONDS: '3',
  } as Record<string, string>,
};

/** A second app on a live-mode key, with a configured admin instead of demo accounts. */
export const LIVE = {
  baseURL: `http://localhost:${livePort}`,
  adminEmail: 'chief@desk.test',
  adminPassword: 'e2e-admin-password-long',
  serverEnv: {
    PORT: String(livePort),
    DATA_DIR: path.join(os.tmpdir(), `desk-e2e-${livePort}`),
    FLEX_SANDBOX_PORT: String(liveSandboxPort),
    FLEX_SANDBOX_KEYS: 'fsk_live_e2e_key',
    ADMIN_EMAIL: 'Chief@Desk.test',
    ADMIN_PASSWORD: 'e2e-admin-password-long',
    LOG_LEVEL: 'warn',
    E2E_WAIT_FOR_BUILD: '1',
  } as Record<string, string>,
};

const ssoPort = Number(process.env.E2E_SSO_PORT ?? 3102);
const ssoSandboxPort = Number(process.env.E2E_SSO_SANDBOX_PORT ?? 4112);
const idpPort = Number(process.env.E2E_IDP_PORT ?? 3990);

/** The local identity provider (scripts/idp.ts) the SSO app signs in with. */
export const IDP = {
  issuer: `http://127.0.0.1:${idpPort}`,
  adminSecret: 'e2e-idp-admin-secret-0001',
  password: 'idp-demo-password',
  clientId: 'flex-desk-e2e',
  clientSecret: 'e2e-idp-client-secret-0001',
};

/** A third app with single sign-on on, passwords break-glass only (ADMIN_EMAIL). */
export const SSO = {
  baseURL: `http://localhost:${ssoPort}`,
  adminEmail: 'breakglass@desk.test',
  adminPassword: 'e2e-break-glass-password',
  providerName: 'Corp IdP',
  serverEnv: {
    PORT: String(ssoPort),
    DATA_DIR: path.join(os.tmpdir(), `desk-e2e-${ssoPort}`),
    FLEX_SANDBOX_PORT: String(ssoSandboxPort),
    FLEX_SANDBOX_KEYS: 'fsk_test_e2e_sso_key',
    ADMIN_EMAIL: 'breakglass@desk.test',
    ADMIN_PASSWORD: 'e2e-break-glass-password',
    OIDC_ISSUER: IDP.issuer,
    OIDC_CLIENT_ID: IDP.clientId,
    OIDC_CLIENT_SECRET: IDP.clientSecret,
    APP_URL: `http://localhost:${ssoPort}`,
    OIDC_PROVIDER_NAME: 'Corp IdP',
    OIDC_ROLE_MAP: 'desk-admins=admin,desk-ops=ops,desk-support=support,desk-viewers=viewer',
    LOG_LEVEL: 'warn',
    SIGN_IN_MAX_DELAY_SECONDS: '3',
    E2E_WAIT_FOR_BUILD: '1',
  } as Record<string, string>,
  idpEnv: {
    IDP_PORT: String(idpPort),
    APP_URL: `http://localhost:${ssoPort}`,
    IDP_CLIENT_ID: IDP.clientId,
    IDP_CLIENT_SECRET: IDP.clientSecret,
    IDP_ADMIN_SECRET: IDP.adminSecret,
  } as Record<string, string>,
};
