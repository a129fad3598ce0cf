// Environment → typed, validated configuration, read once. The Flex key lives here and is read only by lib/flex.
import 'server-only';
import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const hours = z.coerce
  .number()
  .positive()
  .max(24 * 30);

const schema = z
  .object({
    PORT: port.default(3000),
    DATA_DIR: z.string().min(1).default('./.data'),
    DATABASE_URL: z
      .url({
        protocol: /^postgres(ql)?$/,
        error: 'must be a PostgreSQL URL such as postgres://user:password@host:5432/desk',
      })
      .optional(),
    DESK_PG_PORT: port.optional(),
    CLUSTER_SIZE: z.coerce.number().int().min(1).max(16).default(2),
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
    FLEX_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    ADMIN_EMAIL: z.email({ error: 'must be an email address' }).optional(),
    ADMIN_PASSWORD: z.string().min(12, { error: 'is too weak: use at least 12 characters' }).optional(),
    SESSION_IDLE_HOURS: hours.default(8),
    SESSION_ABSOLUTE_HOURS: hours.default(24),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
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
  });

export type Config = {
  port: number;
  dataDir: string;
  /** A shared PostgreSQL, or null: the embedded one in DATA_DIR/pg (on `port`, or a free port when null). */
  database: { url: string | null; embeddedPort: number | null };
  clusterSize: number;
  flex: { baseUrl: string; apiKey: string; timeoutMs: number; testMode: boolean; sandbox: boolean };
  sandbox: { port: number; keys: string[] };
  admin: { email: string; password: string } | null;
  session: { idleMs: number; absoluteMs: number };
  logLevel: string;
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
    dataDir: path.resolve(e.DATA_DIR),
    database: { url: e.DATABASE_URL ?? null, embeddedPort: e.DESK_PG_PORT ?? null },
    clusterSize: e.CLUSTER_SIZE,
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
