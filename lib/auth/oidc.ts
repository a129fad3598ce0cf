// Single sign-on with the company's OpenID Connect provider: authorization code flow with PKCE, state and
// nonce (openid-client v6). The transaction lives in the database, found by the hash of a short-lived
// HttpOnly cookie, and is deleted when the callback reads it: it is bound to the browser and used once.
import 'server-only';
import crypto from 'node:crypto';
import * as client from 'openid-client';
import { getConfig, type OidcConfig } from '@/lib/config';
import { db as getDb } from '@/lib/db/database';
import { safeNext } from './safe-next';
import { groupsFrom } from './oidc-roles';

export const TX_COOKIE = 'desk_oidc_tx';
export const TX_TTL_MS = 10 * 60_000;

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

// Discovery is a cache of the provider's published metadata, not state servers must agree on.
const globalForOidc = globalThis as unknown as { __deskOidc?: Map<string, Promise<client.Configuration>> };

export function oidcConfig(): OidcConfig | null {
  return getConfig().oidc;
}

async function configuration(oidc: OidcConfig): Promise<client.Configuration> {
  globalForOidc.__deskOidc ??= new Map();
  const key = `${oidc.issuer} ${oidc.clientId}`;
  let found = globalForOidc.__deskOidc.get(key);
  if (!found) {
    const insecure = new URL(oidc.issuer).protocol === 'http:'; // loopback only: lib/config refuses others
    found = client.discovery(
      new URL(oidc.issuer),
      oidc.clientId,
      { id_token_signed_response_alg: 'RS256' },
      client.ClientSecretPost(oidc.clientSecret),
      {
        // Check the ID token's signature against the issuer's JWKS too, not only TLS to the token endpoint.
        execute: [client.enableNonRepudiationChecks, ...(insecure ? [client.allowInsecureRequests] : [])],
      },
    );
    globalForOidc.__deskOidc.set(key, found);
    // A failed discovery is retried on the next sign-in rather than remembered.
    found.catch(() => globalForOidc.__deskOidc?.delete(key));
  }
  return found;
}

/** Starts a sign-in: stores the transaction and returns the provider's URL and the cookie that finds it. */
export async function beginSignIn(next: unknown): Promise<{ url: URL; cookie: string }> {
  const oidc = oidcConfig();
  if (!oidc) throw new Error('Single sign-on is not configured.');
  const config = await configuration(oidc);
  const cookie = crypto.randomBytes(32).toString('base64url');
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const db = await getDb();
  const now = Date.now();
  // Old, abandoned transactions go as new ones come.
  await db
    .deleteFrom('oidc_transactions')
    .where('created_at', '<', new Date(now - TX_TTL_MS).toISOString())
    .execute();
  await db
    .insertInto('oidc_transactions')
    .values({
      id_hash: hash(cookie),
      state,
      nonce,
      code_verifier: codeVerifier,
      next: safeNext(next),
      created_at: new Date(now).toISOString(),
    })
    .execute();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: oidc.redirectUri,
    scope: oidc.scopes,
    response_type: 'code',
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
  return { url, cookie };
}

export type Identity = {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  groups: string[];
};

export type Finish =
  { ok: true; identity: Identity; next: string } | { ok: false; reason: string; next: string };

/** Takes (and deletes) the transaction behind a cookie; null when there is none, or it is too old. */
async function takeTransaction(cookie: string | undefined) {
  if (!cookie || cookie.length > 100) return null;
  const db = await getDb();
  const idHash = hash(cookie);
  const tx = await db
    .selectFrom('oidc_transactions')
    .selectAll()
    .where('id_hash', '=', idHash)
    .executeTakeFirst();
  if (!tx) return null;
  const deleted = await db.deleteFrom('oidc_transactions').where('id_hash', '=', idHash).executeTakeFirst();
  // Two callbacks racing for one transaction: only the one that deleted it goes on.
  if (Number(deleted.numDeletedRows) !== 1) return null;
  if (Date.now() - Date.parse(tx.created_at) > TX_TTL_MS) return null;
  return tx;
}

function describe(e: unknown): string {
  if (e instanceof client.AuthorizationResponseError) return `provider refused: ${e.error}`;
  if (e instanceof client.ResponseBodyError) return `token request refused: ${e.error}`;
  if (e instanceof client.ClientError) {
    // The cause says which check failed (signature, a claim, the state…); it holds no token.
    const cause = e.cause instanceof Error ? `: ${e.cause.message}` : '';
    return `response rejected (${e.code ?? 'error'}): ${e.message}${cause}`;
  }
  if (e instanceof Error) return `sign-in failed: ${e.message}`;
  return 'sign-in failed';
}

/**
 * Finishes a sign-in at the callback: the transaction from the cookie, the code exchanged with PKCE, and the
 * ID token checked (signature with the issuer's JWKS, issuer, audience, expiry, nonce). Groups come from the
 * ID token, or from userinfo when the token does not carry the claim.
 */
export async function finishSignIn(cookie: string | undefined, query: string): Promise<Finish> {
  const oidc = oidcConfig();
  if (!oidc) return { ok: false, reason: 'single sign-on is not configured', next: '/' };
  const tx = await takeTransaction(cookie);
  if (!tx)
    return {
      ok: false,
      reason: 'no sign-in in progress in this browser (missing, used or expired)',
      next: '/',
    };
  try {
    const config = await configuration(oidc);
    // The URL the provider sent the browser to, rebuilt on APP_URL (the redirect_uri it was issued for).
    const currentUrl = new URL(`${oidc.redirectUri}${query}`);
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: tx.code_verifier,
      expectedState: tx.state,
      expectedNonce: tx.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) return { ok: false, reason: 'no ID token', next: tx.next };
    let groupsClaim: unknown = claims[oidc.groupsClaim];
    let email: unknown = claims.email;
    let emailVerified: unknown = claims.email_verified;
    let name: unknown = claims.name;
    if (groupsClaim === undefined || email === undefined) {
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      groupsClaim ??= info[oidc.groupsClaim];
      email ??= info.email;
      emailVerified ??= info.email_verified;
      name ??= info.name;
    }
    return {
      ok: true,
      next: tx.next,
      identity: {
        issuer: claims.iss,
        subject: claims.sub,
        email: typeof email === 'string' ? email : null,
        emailVerified: emailVerified === true,
        name: typeof name === 'string' ? name : null,
        groups: groupsFrom(groupsClaim),
      },
    };
  } catch (e) {
    return { ok: false, reason: describe(e), next: tx.next };
  }
}

/** The provider's end-session URL, when it publishes one (for a "sign out there too" link). */
export async function endSessionUrl(): Promise<string | null> {
  const oidc = oidcConfig();
  if (!oidc) return null;
  try {
    const config = await configuration(oidc);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client
      .buildEndSessionUrl(config, {
        client_id: oidc.clientId,
        post_logout_redirect_uri: `${oidc.appUrl}/login`,
      })
      .toString();
  } catch {
    return null;
  }
}
