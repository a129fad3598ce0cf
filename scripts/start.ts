// `npm start`: one command from a fresh clone to a running app. Validates config, builds when the build is
// missing or stale, starts the embedded PostgreSQL unless DATABASE_URL is set, prepares the database,
// starts the embedded Flex sandbox when no real Flex is configured, then serves the production app.
// Ctrl-C or SIGTERM stops everything, PostgreSQL last.
import { spawn } from 'node:child_process';
import { ConfigError, parseConfig } from '@/lib/config';
import { sandboxEnv } from '@/lib/flex-sandbox/env';
import { startSandbox, type Sandbox } from '@/lib/flex-sandbox/server';
import { checkDatabase, closeDatabase } from '@/lib/db/database';
import { ensureBuild, nextBin } from './build';
import { bringUpDatabase, type DatabaseUp } from './database-up';
import { prepareApp } from './prepare';
import { wireSandboxWebhooks } from './sandbox-webhooks';

const dev = process.argv.includes('--dev');

async function main() {
  const config = parseConfig(process.env);

  // A wrong DATABASE_URL is said before a minute of building, not after.
  if (config.database.url) await checkDatabase(config.database.url, 'DATABASE_URL');
  if (!dev) ensureBuild();

  let database: DatabaseUp | undefined;
  let sandbox: Sandbox | undefined;
  let stopping = false;
  const stopServices = async () => {
    await sandbox?.close();
    await closeDatabase();
    await database?.stop();
  };
  // A signal during start-up must not leave PostgreSQL running either.
  const early = () => {
    if (stopping) return;
    stopping = true;
    void stopServices().finally(() => process.exit(130));
  };
  process.on('SIGINT', early);
  process.on('SIGTERM', early);

  try {
    database = await bringUpDatabase(config, (line) => console.log(line));
    process.env.DATABASE_URL = database.url; // for this process's lib/db and for the app server
    console.log(database.describe);

    if (config.flex.sandbox) {
      wireSandboxWebhooks(config.port); // signed webhooks to this app, no configuration needed
      const s = sandboxEnv({
        ...process.env,
        FLEX_SANDBOX_PORT: String(config.sandbox.port),
        DATA_DIR: config.dataDir,
      });
      sandbox = await startSandbox(s);
      console.log(`Flex sandbox (test mode) on ${sandbox.url}/v1, data in ${config.dataDir}`);
    }
  } catch (e) {
    await stopServices().catch(() => {});
    throw e;
  }

  let banner: string[];
  try {
    banner = await prepareApp(config);
    await closeDatabase(); // the app server has its own connections
  } catch (e) {
    await stopServices().catch(() => {});
    throw e;
  }
  if (stopping) return;
  process.off('SIGINT', early);
  process.off('SIGTERM', early);

  const child = spawn(process.execPath, [nextBin, dev ? 'dev' : 'start', '-p', String(config.port)], {
    stdio: ['inherit', 'inherit', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      NODE_ENV: dev ? 'development' : 'production',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  console.log(
    `\nFlex Customer Desk: http://localhost:${config.port}  (${config.flex.testMode ? 'TEST MODE' : 'LIVE'})`,
  );
  for (const line of banner) console.log(line);

  let exited = false;
  const childGone = new Promise<void>((resolve) =>
    child.on('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    if (!exited) child.kill('SIGTERM');
    // The app first (so it does not see the database go away), then the sandbox and PostgreSQL.
    const grace = new Promise<void>((r) => setTimeout(r, 5000).unref());
    void Promise.race([childGone, grace])
      .then(stopServices)
      .catch((e: unknown) => console.error(e instanceof Error ? e.message : e))
      .finally(() => process.exit(code));
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  child.on('exit', (code) => stop(code ?? 0));
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError || e instanceof Error ? e.message : e);
  process.exit(1);
});
