// Start-up work before the app serves: migrations, the one-time import of an earlier version's SQLite
// database, the configured admin, demo accounts on the sandbox. Returns lines to print for the person starting it.
import type { Config } from '@/lib/config';
import { db } from '@/lib/db/database';
import { describeImport, importSqlite } from '@/lib/db/import-sqlite';
import { log } from '@/lib/log/logger';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, ensureAdmin, ensureDemoAccounts } from '@/lib/auth/staff';

export async function prepareApp(config: Config): Promise<string[]> {
  const imported = describeImport(await importSqlite(await db(), config.dataDir)); // db(): migrations first
  for (const line of imported) log.info(line.trim());
  return [...imported, ...(await accounts(config))];
}

async function accounts(config: Config): Promise<string[]> {
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
