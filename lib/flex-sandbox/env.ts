// The sandbox's own reading of the environment (it does not depend on the app's config).
import path from 'node:path';
import { z } from 'zod';

const schema = z.object({
  FLEX_SANDBOX_PORT: z.coerce.number().int().min(1).max(65535).default(4010),
  DATA_DIR: z.string().min(1).default('./.data'),
  FLEX_SANDBOX_KEYS: z.string().optional(),
  FLEX_SANDBOX_RATE: z.coerce.number().int().min(1).default(25),
  FLEX_SANDBOX_ADMIN_SECRET: z.string().min(16).optional(),
  FLEX_SANDBOX_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  FLEX_SANDBOX_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/)
    .optional(),
  FLEX_SANDBOX_SEED_COUNT: z.coerce.number().int().min(1).max(2_000_000).optional(),
});

export function sandboxEnv(env: NodeJS.ProcessEnv) {
  // Empty means unset, as in the app's configuration.
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Configuration error: ${String(issue?.path[0])}: ${issue?.message}`);
  }
  const e = parsed.data;
  return {
    port: e.FLEX_SANDBOX_PORT,
    host: '127.0.0.1',
    dataDir: path.resolve(e.DATA_DIR),
    keys: (e.FLEX_SANDBOX_KEYS ?? 'fsk_test_sandbox')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    rate: e.FLEX_SANDBOX_RATE,
    adminSecret: e.FLEX_SANDBOX_ADMIN_SECRET,
    // Signed webhooks for every change, when both are known (`npm start` sets them for its own app).
    webhook:
      e.FLEX_SANDBOX_WEBHOOK_URL && e.FLEX_SANDBOX_WEBHOOK_SECRET
        ? { url: e.FLEX_SANDBOX_WEBHOOK_URL, secret: e.FLEX_SANDBOX_WEBHOOK_SECRET }
        : undefined,
    seedCount: e.FLEX_SANDBOX_SEED_COUNT,
  };
}
