// Environment → typed, validated configuration, read once. The Flex key lives here and is read only by lib/flex.
import 'server-only';
import path from 'node:path';
import { z } from 'zod';
import { ROLES, type Role } from '@/lib/auth/permissions';
import { compileTrust } from '@/lib/net/client-address';

const port = z.coerce.number().int().min(1).max(65535);
const hours = z.coerce
  .number()
  .positive()
  .max(24 * 30);

const schema = z
  .object({
    PORT: port.default(3000),
    HOSTNAME: z
      .string()
      .max(253)
      .regex(/^[A-Za-z0-9.:%_-]+$/, {
        error: 'must be an address or host name to listen on, e.g. 0.0.0.0 (every interface) or 127.0.0.1',
      })
      .optional(),
    METRICS_TOKEN: z
      .string()
      .min(16, { error: 'is too short: use at least 16 random characters, e.g. `openssl rand -hex 24`' })
      .regex(/^[\x21-\x7E]+$/, { error: 'must be printable ASCII without spaces' })
      .optional(),
    LOG_FORMAT: z.enum(['json', 'pretty'], { error: 'must be json or pretty' }).optional(),
    DATA_DIR: z.string().min(1).default('./.data'),
    DATABASE_URL: z
      .url({
        protocol: /^postgres(ql)?$/,
        error: 'must be a PostgreSQL URL such as postgres://user:password@host:5432/desk',
      })
      .optional(),
    DESK_PG_PORT: port.optional(),
    CLUSTER_SIZE: z.coerce.number().int().min(1).max(16).default(2),
    APP_HEAP_MB: z.coerce.number().int().min(128).max(65536).default(160),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: z
      .string()
      .refine(
        (k) => /^[A-Za-z0-9+/]+={0,2}$/.test(k) && [16, 24, 32].includes(Buffer.from(k, 'base64').length),
        {
          error: 'must be 16, 24 or 32 random bytes in base64, e.g. the output of `openssl rand -base64 32`',
        },
      )
      .optional(),
    FLEX_API_BASE_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://api.withflex.com/v1' })
      .optional(),
    FLEX_API_KEY: z
      .string()
      .regex(/^fsk_[A-Za-z0-9_]+$/, { error: 'must be a Flex secret key (starts with fsk_)' })
      .optional(),
    FLEX_SANDBOX_PORT: port.default(4010),
    FLEX_SANDBOX_KEYS: z.string().default('fsk_test_sandbox'),
    FLEX_RATE_LIMIT: z.coerce.number().positive().max(10_000).default(25),
    FLEX_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    FLEX_SYNC_RATE: z.coerce.number().positive().max(10_000).default(10),
    FLEX_SYNC_POLL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    FLEX_SYNC_FULL_HOURS: hours.default(24),
    FLEX_WEBHOOK_SECRET: z
      .string()
      .refine((v) => v.split(',').every((s) => isWebhookSecret(s.trim())), {
        error:
          'must be one or more Standard Webhooks secrets (whsec_ followed by at least 16 bytes in base64), separated by commas',
      })
      .optional(),
    ADMIN_EMAIL: z.email({ error: 'must be an email address' }).optional(),
    ADMIN_PASSWORD: z.string().min(12, { error: 'is too weak: use at least 12 characters' }).optional(),
    SESSION_IDLE_HOURS: hours.default(8),
    SESSION_ABSOLUTE_HOURS: hours.default(24),
    EDIT_REASON: z.enum(['required', 'optional'], { error: 'must be required or optional' }).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // Single sign-on (OpenID Connect): lib/auth/oidc.ts.
    OIDC_ISSUER: z
      .url({ protocol: /^https?$/, error: 'must be the issuer URL, such as https://login.example.com' })
      .refine((u) => u.startsWith('https:') || isLoopback(u), {
        error: 'must use https (plain http only on 127.0.0.1 or localhost)',
      })
      .optional(),
    OIDC_CLIENT_ID: z.string().max(500).optional(),
    OIDC_CLIENT_SECRET: z.string().max(2000).optional(),
    APP_URL: z
      .url({ protocol: /^https?$/, error: "must be the desk's public URL, such as https://desk.example.com" })
      .optional(),
    OIDC_SCOPES: z
      .string()
      .regex(/^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/, {
        error: 'must be scopes separated by single spaces',
      })
      .refine((s) => s.split(' ').includes('openid'), { error: 'must include openid' })
      .default('openid email profile'),
    OIDC_GROUPS_CLAIM: z.string().min(1).max(200).default('groups'),
    OIDC_PROVIDER_NAME: z.string().min(1).max(60).default('your company account'),
    OIDC_ROLE_MAP: z.string().optional(),
    AUTH_PASSWORDS: z
      .enum(['on', 'off', 'break-glass'], { error: 'must be on, off or break-glass' })
      .optional(),
    // Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (lib/net/client-address.ts).
    TRUSTED_PROXIES: z
      .string()
      .refine((v) => trustListProblem(v) === null, {
        error: 'must be addresses or CIDRs separated by commas, e.g. 127.0.0.1,10.0.0.0/8',
      })
      .optional(),
  })
  .superRefine((env, ctx) => {
    if (env.FLEX_API_BASE_URL && !env.FLEX_API_KEY)
      ctx.addIssue({
        code: 'custom',
        path: ['FLEX_API_KEY'],
        message: 'is required when FLEX_API_BASE_URL is set',
      });
    if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [env.ADMIN_EMAIL ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL'],
        message: 'must be set together with the other of ADMIN_EMAIL/ADMIN_PASSWORD',
      });
    if (env.OIDC_ISSUER) {
      for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'APP_URL', 'OIDC_ROLE_MAP'] as const)
        if (!env[name])
          ctx.addIssue({ code: 'custom', path: [name], message: 'is required when OIDC_ISSUER is set' });
      if (env.OIDC_ROLE_MAP) {
        const problem = roleMapProblem(env.OIDC_ROLE_MAP);
        if (problem) ctx.addIssue({ code: 'custom', path: ['OIDC_ROLE_MAP'], message: problem });
      }
    } else {
      for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_ROLE_MAP'] as const)
        if (env[name])
          ctx.addIssue({ code: 'custom', path: [name], message: 'needs OIDC_ISSUER to be set too' });
      if (env.AUTH_PASSWORDS && env.AUTH_PASSWORDS !== 'on')
        ctx.addIssue({
          code: 'custom',
          path: ['AUTH_PASSWORDS'],
          message: 'can be off or break-glass only with single sign-on (OIDC_ISSUER) configured',
        });
    }
  });

export const trustList = (v: string | undefined): string[] =>
  (v ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

function trustListProblem(v: string): string | null {
  try {
    compileTrust(trustList(v));
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : 'invalid';
  }
}

function isWebhookSecret(s: string): boolean {
  const b64 = s.startsWith('whsec_') ? s.slice(6) : '';
  return /^[A-Za-z0-9+/]+={0,2}$/.test(b64) && Buffer.from(b64, 'base64').length >= 16;
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

/** `group=role,group=role`: each pair once, each role one of ROLES. Returns what is wrong, or null. */
function roleMapProblem(value: string): string | null {
  const pairs = value.split(',').map((p) => p.trim());
  if (pairs.some((p) => !/^[^=]+=[^=]+$/.test(p)))
    return 'must be group=role pairs separated by commas, e.g. desk-admins=admin,desk-viewers=viewer';
  const seen = new Set<string>();
  for (const p of pairs) {
    const [group = '', role = ''] = p.split('=').map((x) => x.trim());
    if (!(ROLES as readonly string[]).includes(role))
      return `names an unknown role "${role}" (use ${ROLES.join(', ')})`;
    if (seen.has(group)) return `names the group "${group}" twice`;
    seen.add(group);
  }
  return null;
}

export type OidcConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** <APP_URL>/auth/oidc/callback */
  redirectUri: string;
  appUrl: string;
  scopes: string;
  groupsClaim: string;
  providerName: string;
  roleMap: [group: string, role: Role][];
};

export type Config = {
  port: number;
  /** HOSTNAME: the address to listen on; null leaves the choice to `listenHost` (lib/ops/listen-host.ts). */
  hostname: string | null;
  /** Bearer token that opens GET /metrics to other machines; null: only from this machine. */
  metricsToken: string | null;
  /** LOG_FORMAT: json, pretty, or null (pretty on a terminal, json otherwise). */
  logFormat: 'json' | 'pretty' | null;
  dataDir: string;
  /** A shared PostgreSQL, or null: the embedded one in DATA_DIR/pg (on `port`, or a free port when null). */
  database: { url: string | null; embeddedPort: number | null };
  clusterSize: number;
  /** V8's old-space limit of each app server (MiB): its memory budget. */
  appHeapMb: number;
  flex: { baseUrl: string; apiKey: string; timeoutMs: number; testMode: boolean; sandbox: boolean };
  sandbox: { port: number; keys: string[] };
  admin: { email: string; password: string } | null;
  session: { idleMs: number; absoluteMs: number };
  logLevel: string;
  /** Whether the review dialog insists on a reason: by default, required on a live key. */
  editReasonRequired: boolean;
  /** Flex requests per second that all background work of all servers (bulk runs, sync) keeps to. */
  flexRateLimit: number;
  /** Keeping the customer index true: the walk's pace, the poll of the newest page, the full re-walk. */
  sync: { rate: number; pollSeconds: number; fullHours: number };
  /** Secrets that sign Flex's webhooks (several while one is rotated); empty: every delivery is refused. */
  webhookSecrets: string[];
  /** Single sign-on, or null when OIDC_ISSUER is unset. */
  oidc: OidcConfig | null;
  /** Who may sign in with a password: everyone, nobody, or only ADMIN_EMAIL (break-glass). */
  authPasswords: 'on' | 'off' | 'break-glass';
  /** TRUSTED_PROXIES: addresses or CIDRs; empty means the socket address is the client's. */
  trustedProxies: string[];
};

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // Treat empty strings as unset, as .env files and CI often leave them.
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(clean);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')} ${i.message}`);
    throw new ConfigError(
      `Invalid configuration:\n${lines.join('\n')}\nSee .env.example for every variable.`,
    );
  }
  const e = parsed.data;
  const sandboxKeys = e.FLEX_SANDBOX_KEYS.split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  const sandbox = e.FLEX_API_BASE_URL === undefined;
  const apiKey = e.FLEX_API_KEY ?? sandboxKeys[0] ?? 'fsk_test_sandbox';
  return {
    port: e.PORT,
    hostname: e.HOSTNAME ?? null,
    metricsToken: e.METRICS_TOKEN ?? null,
    logFormat: e.LOG_FORMAT ?? null,
    dataDir: path.resolve(e.DATA_DIR),
    database: { url: e.DATABASE_URL ?? null, embeddedPort: e.DESK_PG_PORT ?? null },
    clusterSize: e.CLUSTER_SIZE,
    appHeapMb: e.APP_HEAP_MB,
    flex: {
      baseUrl: (e.FLEX_API_BASE_URL ?? `http://127.0.0.1:${e.FLEX_SANDBOX_PORT}/v1`).replace(/\/+$/, ''),
      apiKey,
      timeoutMs: e.FLEX_TIMEOUT_MS,
      testMode: apiKey.startsWith('fsk_test_'),
      sandbox,
    },
    sandbox: { port: e.FLEX_SANDBOX_PORT, keys: sandboxKeys },
    admin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD } : null,
    session: { idleMs: e.SESSION_IDLE_HOURS * 3_600_000, absoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000 },
    logLevel: e.LOG_LEVEL,
    flexRateLimit: e.FLEX_RATE_LIMIT,
    sync: {
      rate: e.FLEX_SYNC_RATE,
      pollSeconds: e.FLEX_SYNC_POLL_SECONDS,
      fullHours: e.FLEX_SYNC_FULL_HOURS,
    },
    webhookSecrets: (e.FLEX_WEBHOOK_SECRET ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
    editReasonRequired: e.EDIT_REASON ? e.EDIT_REASON === 'required' : !apiKey.startsWith('fsk_test_'),
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET && e.APP_URL && e.OIDC_ROLE_MAP
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            appUrl: e.APP_URL.replace(/\/+$/, ''),
            redirectUri: `${e.APP_URL.replace(/\/+$/, '')}/auth/oidc/callback`,
            scopes: e.OIDC_SCOPES,
            groupsClaim: e.OIDC_GROUPS_CLAIM,
            providerName: e.OIDC_PROVIDER_NAME,
            roleMap: e.OIDC_ROLE_MAP.split(',').map((p) => {
              const [group = '', role = ''] = p.split('=').map((x) => x.trim());
              return [group, role as Role];
            }),
          }
        : null,
    authPasswords: e.AUTH_PASSWORDS ?? (e.OIDC_ISSUER ? 'break-glass' : 'on'),
    trustedProxies: trustList(e.TRUSTED_PROXIES),
  };
}

let cached: Config | undefined;

export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** What pages may know about the mode; never the key. */
export function flexMode(): { testMode: boolean; sandbox: boolean } {
  const { testMode, sandbox } = getConfig().flex;
  return { testMode, sandbox };
}
