// `npm run cluster`: several app servers on one database, as behind a load balancer. Builds once, starts
// the embedded PostgreSQL (unless DATABASE_URL is set) and the sandbox (unless a real Flex is configured),
// CLUSTER_SIZE app servers on PORT+1, PORT+2 …, and a round-robin proxy on PORT. Ctrl-C stops everything.
// Writes DATA_DIR/cluster.json (ports and process ids) for tests and tools.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, parseConfig } from '@/lib/config';
import { checkDatabase, closeDatabase } from '@/lib/db/database';
import { sandboxEnv } from '@/lib/flex-sandbox/env';
import { startSandbox, type Sandbox } from '@/lib/flex-sandbox/server';
import { listenHost, localUrl } from '@/lib/ops/listen-host';
import { STOP_MS } from '@/lib/lifecycle';
import { ensureBuild } from './build';
import { bringUpDatabase, type DatabaseUp } from './database-up';
import { stopPostgresOnlyWhenAsked } from './pg-embedded';
import { prepareApp } from './prepare';
import { wireSandboxWebhooks } from './sandbox-webhooks';
import { startProxy } from './proxy';
import { appServerCommand } from './supervise';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntilServing(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`The app server on port ${port} exited at start.`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return;
      await sleep(100);
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`The app server on port ${port} did not start.`);
}

async function main() {
  const config = parseConfig(process.env);
  if (config.database.url) await checkDatabase(config.database.url, 'DATABASE_URL');
  ensureBuild();

  let database: DatabaseUp | undefined;
  let sandbox: Sandbox | undefined;
  const servers: { port: number; child: ChildProcess }[] = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGTERM');
    // Each drains and hands back its work within STOP_MS.
    await Promise.race([
      Promise.all(
        servers.map((s) => (s.child.exitCode === null ? new Promise((r) => s.child.once('exit', r)) : null)),
      ),
      sleep(STOP_MS + 500),
    ]);
    await sandbox?.close();
    await closeDatabase();
    await database?.stop();
    fs.rmSync(path.join(config.dataDir, 'cluster.json'), { force: true });
    process.exit(code);
  };
  stopPostgresOnlyWhenAsked(); // stopped here, after the servers have drained
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    database = await bringUpDatabase(config, (line) => console.log(line));
    process.env.DATABASE_URL = database.url;
    console.log(database.describe);
    if (config.flex.sandbox) {
      wireSandboxWebhooks(config.port); // signed webhooks to this app, no configuration needed
      sandbox = await startSandbox(
        sandboxEnv({
          ...process.env,
          FLEX_SANDBOX_PORT: String(config.sandbox.port),
          DATA_DIR: config.dataDir,
        }),
      );
      console.log(`Flex sandbox (test mode) on ${sandbox.url}/v1, data in ${config.dataDir}`);
    }
    const banner = await prepareApp(config);
    await closeDatabase();

    for (let i = 1; i <= config.clusterSize; i++) {
      const port = config.port + i;
      // The app servers listen on 127.0.0.1 only: everyone else comes through the proxy.
      const child = spawn(
        process.execPath,
        appServerCommand(config.appHeapMb, ['--port', String(port), '--host', '127.0.0.1']),
        {
          stdio: ['ignore', 'inherit', 'inherit'],
          env: {
            ...process.env,
            DATABASE_URL: database.url,
            // The app servers believe X-Forwarded-For from the round-robin proxy in front of them (loopback).
            TRUSTED_PROXIES: [...config.trustedProxies, '127.0.0.1', '::1'].join(','),
            NODE_ENV: 'production',
            NEXT_TELEMETRY_DISABLED: '1',
          },
        },
      );
      child.on('exit', (code, signal) => {
        if (!stopping)
          console.error(`App server on port ${port} (pid ${child.pid}) exited (${signal ?? code}).`);
      });
      servers.push({ port, child });
    }
    await Promise.all(servers.map((s) => waitUntilServing(s.port, s.child)));
    const listen = listenHost(config);
    await startProxy(
      config.port,
      servers.map((s) => s.port),
      listen.host,
    );
    fs.writeFileSync(
      path.join(config.dataDir, 'cluster.json'),
      JSON.stringify({
        proxyPort: config.port,
        servers: servers.map((s) => ({ port: s.port, pid: s.child.pid })),
        sandboxPort: sandbox ? config.sandbox.port : null,
      }),
    );
    console.log(
      `\nFlex Customer Desk, ${servers.length} servers behind a round-robin proxy: ${localUrl(listen.host, config.port)}`,
    );
    if (listen.note) console.log(listen.note);
    for (const s of servers) console.log(`  app server http://localhost:${s.port} (pid ${s.child.pid})`);
    for (const line of banner) console.log(line);
  } catch (e) {
    console.error(e instanceof ConfigError || e instanceof Error ? e.message : e);
    await stop(1);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
