// `npm start`: one command from a fresh clone to a running app. Validates config, prepares the database,
// builds when the build is missing or stale, starts the embedded Flex sandbox when no real Flex is
// configured, then serves the production app. Ctrl-C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, parseConfig } from '@/lib/config';
import { sandboxEnv } from '@/lib/flex-sandbox/env';
import { startSandbox, type Sandbox } from '@/lib/flex-sandbox/server';
import { buildIsCurrent, sourceHash, writeStamp } from './build-stamp';
import { prepareApp } from './prepare';

const dev = process.argv.includes('--dev');
const nextBin = require.resolve('next/dist/bin/next');

async function main() {
  const config = parseConfig(process.env);

  // DESK_SKIP_BUILD (the second e2e server): serve the build that is there, made by the first.
  const skip = !!process.env.DESK_SKIP_BUILD && fs.existsSync(path.join('.next', 'BUILD_ID'));
  if (!dev && !skip && !buildIsCurrent()) {
    console.log('Building the app (first start, or the sources changed)…');
    const hash = sourceHash();
    const build = spawnSync(process.execPath, [nextBin, 'build', '--webpack'], {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (build.status !== 0) throw new Error('The build failed: see the output above.');
    writeStamp(hash);
  }

  let sandbox: Sandbox | undefined;
  if (config.flex.sandbox) {
    const s = sandboxEnv({
      ...process.env,
      FLEX_SANDBOX_PORT: String(config.sandbox.port),
      DATA_DIR: config.dataDir,
    });
    sandbox = await startSandbox(s);
    console.log(`Flex sandbox (test mode) on ${sandbox.url}/v1, data in ${config.dataDir}`);
  }

  const banner = await prepareApp(config);

  const child = spawn(process.execPath, [nextBin, dev ? 'dev' : 'start', '-p', String(config.port)], {
    stdio: ['inherit', 'inherit', 'inherit'],
    env: { ...process.env, NODE_ENV: dev ? 'development' : 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
  console.log(
    `\nFlex Customer Desk: http://localhost:${config.port}  (${config.flex.testMode ? 'TEST MODE' : 'LIVE'})`,
  );
  for (const line of banner) console.log(line);

  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    child.kill('SIGTERM');
    void (sandbox?.close() ?? Promise.resolve()).then(() => process.exit(code));
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  child.on('exit', (code) => stop(code ?? 0));
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError || e instanceof Error ? e.message : e);
  process.exit(1);
});
