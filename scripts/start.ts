// `npm start`: one command from a fresh clone to a running app. Validates config, builds when there is no
// current build (and says why), starts the embedded PostgreSQL unless DATABASE_URL is set, prepares the
// database, starts the embedded Flex sandbox when no real Flex is configured, then runs the app server
// (scripts/serve.ts) under a supervisor that restarts it if it dies, while PostgreSQL and the sandbox keep
// running. Ctrl-C or SIGTERM stops the app server (it drains), then the sandbox, then PostgreSQL.
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, parseConfig } from '@/lib/config';
import { sandboxEnv } from '@/lib/flex-sandbox/env';
import { startSandbox, type Sandbox } from '@/lib/flex-sandbox/server';
import { checkDatabase, closeDatabase } from '@/lib/db/database';
import { listenHost, localUrl } from '@/lib/ops/listen-host';
import { ensureBuild } from './build';
import { bringUpDatabase, type DatabaseUp } from './database-up';
import { stopPostgresOnlyWhenAsked } from './pg-embedded';
import { prepareApp } from './prepare';
import { wireSandboxWebhooks } from './sandbox-webhooks';
import { superviseAppServer } from './supervise';

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
  stopPostgresOnlyWhenAsked(); // this script stops PostgreSQL itself, last
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

  const listen = listenHost(config);
  fs.mkdirSync(config.dataDir, { recursive: true }); // for app-server.json, also with DATABASE_URL and real Flex
  const app = superviseAppServer({
    heapMb: config.appHeapMb,
    args: [
      '--port',
      String(config.port),
      ...(listen.host ? ['--host', listen.host] : []),
      ...(dev ? ['--dev'] : []),
    ],
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      NODE_ENV: dev ? 'development' : 'production',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    pretty: config.logFormat === 'pretty' || (config.logFormat === null && !!process.stdout.isTTY),
    stateFile: path.join(config.dataDir, 'app-server.json'),
    onStartFailure: (why) => {
      console.error(why);
      stopping = true;
      void stopServices().finally(() => process.exit(1));
    },
  });
  console.log(
    `\nFlex Customer Desk: ${localUrl(listen.host, config.port)}  (${config.flex.testMode ? 'TEST MODE' : 'LIVE'})`,
  );
  if (listen.note) console.log(listen.note);
  for (const line of banner) console.log(line);

  const stop = () => {
    if (stopping) return;
    stopping = true;
    // The app first (it drains and hands back its work), then the sandbox and PostgreSQL.
    void app
      .stop()
      .then(stopServices)
      .catch((e: unknown) => console.error(e instanceof Error ? e.message : e))
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError || e instanceof Error ? e.message : e);
  process.exit(1);
});
