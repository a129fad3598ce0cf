// The sandbox's own reading of the environment (it does not depend on the app's config).
import path from 'node:path';
import { z } from 'zod';

const schema = z.object({
  FLEX_SANDBOX_PORT: z.coerce.number().int().min(1).max(65535).default(4010),
  DATA_DIR: z.string().min(1).default('./.data'),
  FLEX_SANDBOX_KEYS: z.string().optional(),
  FLEX_SANDBOX_RATE: z.coerce.number().int().min(1).default(25),
  FLEX_SANDBOX_ADMIN_SECRET: z.string().min(16).optional(),
});

export function sandboxEnv(env: NodeJS.ProcessEnv) {
  const parsed = schema.safeParse(env);
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
  };
}
