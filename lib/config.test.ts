import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('parseConfig', () => {
  it('defaults to the embedded sandbox with its test key', () => {
    const c = parseConfig({});
    expect(c.port).toBe(3000);
    expect(c.flex).toMatchObject({
      baseUrl: 'http://127.0.0.1:4010/v1',
      apiKey: 'fsk_test_sandbox',
      sandbox: true,
      testMode: true,
      timeoutMs: 10_000,
    });
    expect(c.dataDir).toMatch(/\.data$/);
  });

  it('follows FLEX_SANDBOX_PORT and FLEX_SANDBOX_KEYS', () => {
    const c = parseConfig({ FLEX_SANDBOX_PORT: '4555', FLEX_SANDBOX_KEYS: 'fsk_test_a, fsk_live_b' });
    expect(c.flex.baseUrl).toBe('http://127.0.0.1:4555/v1');
    expect(c.flex.apiKey).toBe('fsk_test_a');
    expect(c.sandbox.keys).toEqual(['fsk_test_a', 'fsk_live_b']);
  });

  it('uses a real Flex when configured, and derives live mode from the key', () => {
    const c = parseConfig({ FLEX_API_BASE_URL: 'https://api.withflex.com/v1/', FLEX_API_KEY: 'fsk_abc123' });
    expect(c.flex).toMatchObject({ baseUrl: 'https://api.withflex.com/v1', sandbox: false, testMode: false });
  });

  it.each([
    [{ FLEX_API_BASE_URL: 'https://api.withflex.com/v1' }, 'FLEX_API_KEY'],
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ FLEX_API_BASE_URL: 'not a url', FLEX_API_KEY: 'fsk_x' }, 'FLEX_API_BASE_URL'],
    [{ FLEX_API_BASE_URL: 'ftp://x', FLEX_API_KEY: 'fsk_x' }, 'FLEX_API_BASE_URL'],
    [{ FLEX_API_KEY: 'sk_live_123' }, 'FLEX_API_KEY'],
    [{ FLEX_TIMEOUT_MS: '5' }, 'FLEX_TIMEOUT_MS'],
    [{ ADMIN_EMAIL: 'a@example.com', ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD'],
    [{ ADMIN_EMAIL: 'a@example.com' }, 'ADMIN_PASSWORD'],
    [{ DATABASE_URL: 'mysql://u:p@db/desk' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ DESK_PG_PORT: '0' }, 'DESK_PG_PORT'],
    [{ CLUSTER_SIZE: '0' }, 'CLUSTER_SIZE'],
    [{ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: 'too-short' }, 'NEXT_SERVER_ACTIONS_ENCRYPTION_KEY'],
  ])('stops with a message naming the variable for %j', (env, name) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(new RegExp(name));
  });

  it('uses the embedded PostgreSQL unless DATABASE_URL is set', () => {
    expect(parseConfig({}).database).toEqual({ url: null, embeddedPort: null });
    expect(parseConfig({ DESK_PG_PORT: '5499' }).database.embeddedPort).toBe(5499);
    const url = 'postgresql://desk:secret@db.internal:5432/desk?sslmode=require';
    expect(parseConfig({ DATABASE_URL: url }).database.url).toBe(url);
    expect(parseConfig({}).clusterSize).toBe(2);
    expect(() =>
      parseConfig({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') }),
    ).not.toThrow();
  });

  it('treats empty values as unset', () => {
    expect(parseConfig({ FLEX_API_BASE_URL: '', PORT: '' }).flex.sandbox).toBe(true);
  });
});

describe('sync configuration', () => {
  it('has defaults, and reads a rotated list of webhook secrets', () => {
    const c = parseConfig({});
    expect(c.sync).toEqual({ rate: 10, pollSeconds: 60, fullHours: 24 });
    expect(c.webhookSecrets).toEqual([]);
    const a = `whsec_${Buffer.alloc(24, 1).toString('base64')}`;
    const b = `whsec_${Buffer.alloc(32, 2).toString('base64')}`;
    expect(parseConfig({ FLEX_WEBHOOK_SECRET: `${a}, ${b}` }).webhookSecrets).toEqual([a, b]);
  });

  it('refuses a webhook secret that is not whsec_ and 16+ bytes, naming the variable', () => {
    for (const bad of [
      'secret',
      'whsec_',
      `whsec_${Buffer.alloc(8).toString('base64')}`,
      'whsec_not base64!',
    ])
      expect(() => parseConfig({ FLEX_WEBHOOK_SECRET: bad })).toThrow(/FLEX_WEBHOOK_SECRET/);
    expect(() => parseConfig({ FLEX_SYNC_RATE: '0' })).toThrow(/FLEX_SYNC_RATE/);
  });
});

describe('single sign-on configuration', () => {
  const sso = {
    OIDC_ISSUER: 'https://login.example.com',
    OIDC_CLIENT_ID: 'desk',
    OIDC_CLIENT_SECRET: 'secret',
    APP_URL: 'https://desk.example.com/',
    OIDC_ROLE_MAP: 'desk-admins=admin, desk-viewers=viewer',
  };
  const problem = (env: Record<string, string>) => {
    try {
      parseConfig(env);
      return '';
    } catch (e) {
      return e instanceof ConfigError ? e.message : 'not a ConfigError';
    }
  };

  it('is off by default, with passwords on', () => {
    const c = parseConfig({});
    expect(c.oidc).toBeNull();
    expect(c.authPasswords).toBe('on');
  });

  it('reads the provider, the callback on APP_URL, defaults, and break-glass passwords', () => {
    const c = parseConfig(sso);
    expect(c.oidc).toMatchObject({
      issuer: 'https://login.example.com',
      redirectUri: 'https://desk.example.com/auth/oidc/callback',
      scopes: 'openid email profile',
      groupsClaim: 'groups',
      providerName: 'your company account',
      roleMap: [
        ['desk-admins', 'admin'],
        ['desk-viewers', 'viewer'],
      ],
    });
    expect(c.authPasswords).toBe('break-glass');
    expect(parseConfig({ ...sso, AUTH_PASSWORDS: 'on' }).authPasswords).toBe('on');
  });

  it('names the variable that is wrong or missing', () => {
    expect(problem({ ...sso, OIDC_CLIENT_SECRET: '' })).toMatch(/OIDC_CLIENT_SECRET is required/);
    expect(problem({ ...sso, APP_URL: '' })).toMatch(/APP_URL is required/);
    expect(problem({ ...sso, OIDC_ISSUER: 'http://login.example.com' })).toMatch(
      /OIDC_ISSUER must use https/,
    );
    expect(problem({ ...sso, OIDC_ISSUER: 'http://127.0.0.1:3990' })).toBe('');
    expect(problem({ ...sso, OIDC_ROLE_MAP: 'desk-admins=root' })).toMatch(
      /OIDC_ROLE_MAP names an unknown role/,
    );
    expect(problem({ ...sso, OIDC_ROLE_MAP: 'desk-admins' })).toMatch(/OIDC_ROLE_MAP must be group=role/);
    expect(problem({ ...sso, OIDC_SCOPES: 'email profile' })).toMatch(/OIDC_SCOPES must include openid/);
    expect(problem({ ...sso, AUTH_PASSWORDS: 'maybe' })).toMatch(
      /AUTH_PASSWORDS must be on, off or break-glass/,
    );
    expect(problem({ AUTH_PASSWORDS: 'off' })).toMatch(/AUTH_PASSWORDS can be off or break-glass only/);
    expect(problem({ OIDC_CLIENT_ID: 'desk' })).toMatch(/OIDC_CLIENT_ID needs OIDC_ISSUER/);
  });
});
