// A real OpenID Connect provider for development and tests (`npm run idp`), built on oidc-provider: a few
// people in different groups, a plain login form that checks their password, first-party consent, and the
// `groups` claim in the ID token. With an admin secret it also serves test-only routes under /__idp/ to
// change a person's groups and to make the next token response misbehave (the e2e attack cases).
import crypto from 'node:crypto';
import http from 'node:http';
import * as jose from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

export type IdpUser = { sub: string; email: string; name: string; groups: string[] };

export const IDP_PASSWORD = 'idp-demo-password';

export const IDP_USERS: IdpUser[] = [
  {
    sub: 'u-ada',
    email: 'ada@corp.test',
    name: 'Ada Admin',
    groups: ['everyone', 'desk-admins', 'desk-viewers'],
  },
  { sub: 'u-olu', email: 'olu@corp.test', name: 'Olu Ops', groups: ['everyone', 'desk-ops'] },
  { sub: 'u-sam', email: 'sam@corp.test', name: 'Sam Support', groups: ['everyone', 'desk-support'] },
  { sub: 'u-vic', email: 'vic@corp.test', name: 'Vic Viewer', groups: ['everyone', 'desk-viewers'] },
  { sub: 'u-nora', email: 'nora@corp.test', name: 'Nora Nogroup', groups: ['everyone', 'marketing'] },
  { sub: 'u-dee', email: 'dee@corp.test', name: 'Dee Disabled', groups: ['everyone', 'desk-support'] },
  // Her groups change in tests (PUT /__idp/users/casey@corp.test/groups).
  { sub: 'u-casey', email: 'casey@corp.test', name: 'Casey Changes', groups: ['everyone', 'desk-viewers'] },
];

/** What the next token response does wrong (once), for the attack tests. */
export const TOKEN_FAULTS = [
  'tamper',
  'forge',
  'audience',
  'expired',
  'nonce',
  'issuer',
  'unsigned',
] as const;
export type TokenFault = (typeof TOKEN_FAULTS)[number];

export type IdpOptions = {
  port: number;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  adminSecret?: string;
};

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:16px system-ui;max-width:24rem;margin:3rem auto}label,input,button{display:block;width:100%;margin:.3rem 0}input,button{padding:.5rem}</style>
</head><body><h1>${title}</h1>${body}</body></html>`;
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 10_000) break;
  }
  return new URLSearchParams(body);
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return JSON.parse(body || '{}') as unknown;
}

export async function startIdp(opts: IdpOptions): Promise<{ issuer: string; close: () => Promise<void> }> {
  const issuer = `http://127.0.0.1:${opts.port}`;
  const users = new Map(IDP_USERS.map((u) => [u.sub, { ...u, groups: [...u.groups] }]));
  const byEmail = (email: string) => [...users.values()].find((u) => u.email === email.trim().toLowerCase());
  let fault: TokenFault | null = null;

  const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  const signingJwk = { ...(await jose.exportJWK(privateKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' };

  const configuration: Configuration = {
    clients: [
      {
        client_id: opts.clientId,
        client_secret: opts.clientSecret,
        redirect_uris: opts.redirectUris,
        post_logout_redirect_uris: opts.postLogoutRedirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [signingJwk] },
    cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
    // Groups come with the profile scope (the desk's default scopes), or with a scope of their own.
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'groups'],
      groups: ['groups'],
    },
    // Groups in the ID token, as most company providers put them.
    conformIdTokenClaims: false,
    scopes: ['openid', 'email', 'profile', 'groups'],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    ttl: {
      Session: 3600,
      Interaction: 600,
      Grant: 3600,
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
    },
    async findAccount(_ctx, sub) {
      const user = users.get(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          email: user.email,
          email_verified: true,
          name: user.name,
          groups: [...user.groups],
        }),
      };
    },
    // First-party client: no consent screen; the grant covers what was asked for.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const client = ctx.oidc.client;
      const session = ctx.oidc.session;
      if (!client || !session?.accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(String(ctx.oidc.params?.scope ?? 'openid'));
      grant.addOIDCClaims(['email', 'email_verified', 'name', 'groups']);
      await grant.save();
      return grant;
    },
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = page(
        'Sign-in error',
        `<p>${esc(String(out.error))}: ${esc(String(out.error_description ?? ''))}</p>`,
      );
    },
  };

  const provider = new Provider(issuer, configuration);

  // Test-only: rewrite the ID token of the next token response.
  provider.use(async (ctx, next) => {
    await next();
    if (!fault || ctx.path !== '/token' || ctx.method !== 'POST') return;
    const body = ctx.body as { id_token?: string } | undefined;
    if (!body?.id_token) return;
    const which = fault;
    fault = null;
    ctx.body = { ...body, id_token: await misbehave(which, body.id_token, privateKey, issuer) };
  });

  const handle = provider.callback();
  const server = http.createServer((req, res) => {
    void route(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end('error');
    });
  });

  async function route(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', issuer);
    const m = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
    if (m) return interaction(req, res, Boolean(m[2]));
    if (url.pathname.startsWith('/__idp/')) return admin(req, res, url);
    return handle(req, res);
  }

  async function interaction(req: http.IncomingMessage, res: http.ServerResponse, submit: boolean) {
    res.setHeader('Cache-Control', 'no-store');
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name !== 'login') {
      // Consent is implied for this first-party client (loadExistingGrant); nothing else is asked.
      return provider.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
    }
    let error = '';
    if (submit && req.method === 'POST') {
      const form = await readForm(req);
      const user = byEmail(form.get('email') ?? '');
      const password = Buffer.from(form.get('password') ?? '');
      const expected = Buffer.from(IDP_PASSWORD);
      if (user && password.length === expected.length && crypto.timingSafeEqual(password, expected))
        return provider.interactionFinished(
          req,
          res,
          { login: { accountId: user.sub } },
          { mergeWithLastSubmission: false },
        );
      error = '<p role="alert">Wrong email or password.</p>';
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(
      page(
        'Corp identity provider',
        `${error}<form method="post" action="/interaction/${esc(details.uid)}/login">
<label for="email">Work email</label><input id="email" name="email" type="email" autocomplete="username" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Continue</button></form>`,
      ),
    );
  }

  async function admin(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const given = Buffer.from(String(req.headers['x-idp-admin-secret'] ?? ''));
    const secret = Buffer.from(opts.adminSecret ?? '');
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    if (!opts.adminSecret || given.length !== secret.length || !crypto.timingSafeEqual(given, secret))
      return json(404, { error: 'not found' });
    const groups = /^\/__idp\/users\/([^/]+)\/groups$/.exec(url.pathname);
    if (groups && req.method === 'PUT') {
      const user = byEmail(decodeURIComponent(groups[1] ?? ''));
      const body = (await readJson(req)) as { groups?: unknown };
      if (!user || !Array.isArray(body.groups)) return json(400, { error: 'unknown user or no groups' });
      user.groups = body.groups.map(String);
      return json(200, { email: user.email, groups: user.groups });
    }
    if (url.pathname === '/__idp/fault' && req.method === 'PUT') {
      const body = (await readJson(req)) as { fault?: unknown };
      if (!(TOKEN_FAULTS as readonly unknown[]).includes(body.fault))
        return json(400, { error: 'unknown fault' });
      fault = body.fault as TokenFault;
      return json(200, { fault });
    }
    if (url.pathname === '/__idp/reset' && req.method === 'POST') {
      for (const u of IDP_USERS) users.set(u.sub, { ...u, groups: [...u.groups] });
      fault = null;
      return json(200, { ok: true });
    }
    return json(404, { error: 'not found' });
  }

  await new Promise<void>((resolve) => server.listen(opts.port, '127.0.0.1', resolve));
  return {
    issuer,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The ID token as an attacker or a broken provider would send it. */
async function misbehave(
  fault: TokenFault,
  idToken: string,
  key: CryptoKey,
  issuer: string,
): Promise<string> {
  const [header = '', payload = '', signature = ''] = idToken.split('.');
  const claims = jose.decodeJwt(idToken);
  const now = Math.floor(Date.now() / 1000);
  const resign = (c: jose.JWTPayload, k: CryptoKey = key) =>
    new jose.SignJWT(c).setProtectedHeader({ alg: 'RS256', kid: 'idp-1', typ: 'JWT' }).sign(k);
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  switch (fault) {
    case 'tamper': // the real signature over a payload that now claims admin
      return `${header}.${b64({ ...claims, groups: ['desk-admins'] })}.${signature}`;
    case 'forge': {
      // signed by a key the provider never published, under the provider's key id
      const { privateKey } = await jose.generateKeyPair('RS256');
      return resign({ ...claims, groups: ['desk-admins'] }, privateKey);
    }
    case 'audience':
      return resign({ ...claims, aud: 'another-client' });
    case 'expired':
      return resign({ ...claims, iat: now - 7200, exp: now - 3600 });
    case 'nonce':
      return resign({ ...claims, nonce: 'not-the-nonce-we-sent' });
    case 'issuer':
      return resign({ ...claims, iss: `${issuer}/evil` });
    case 'unsigned':
      return `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`;
  }
}
