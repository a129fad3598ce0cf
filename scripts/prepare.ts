// Start-up work before the app serves: migrations, the configured admin, demo accounts on the sandbox.
// Returns lines to print for the person starting it.
import type { Config } from '@/lib/config';
import { db } from '@/lib/db/database';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, ensureAdmin, ensureDemoAccounts } from '@/lib/auth/staff';

export async function prepareApp(config: Config): Promise<string[]> {
  await db(); // applies migrations
  if (config.admin) {
    await ensureAdmin(config.admin.email, config.admin.password);
    return [`Sign in as ${config.admin.email} (ADMIN_EMAIL) with ADMIN_PASSWORD.`];
  }
  if (config.flex.sandbox) {
    await ensureDemoAccounts();
    return [
      `Demo accounts (sandbox only), password "${DEMO_PASSWORD}":`,
      ...DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(20)} ${a.role}`),
    ];
  }
  return ['No ADMIN_EMAIL/ADMIN_PASSWORD set: set them to create the first admin.'];
}
