// The server the e2e suite runs against: the production build on the embedded sandbox, on a fresh
// temporary DATA_DIR, with the sandbox's test-only admin routes enabled.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { buildIsCurrent } from './build-stamp';

async function waitForBuild() {
  // A second e2e server shares the build: let the first one make it.
  for (let i = 0; i < 240 && !buildIsCurrent(); i++) await new Promise((r) => setTimeout(r, 2000));
}

async function main() {
  if (process.env.E2E_WAIT_FOR_BUILD) await waitForBuild();
  const dataDir = process.env.DATA_DIR ?? '.e2e-data';
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  // The server's output is also kept in a file, so the security suite can search the logs for secrets.
  const log = fs.createWriteStream(`${dataDir}/server.log`);
  const child = spawn('npm', ['start'], {
    stdio: ['inherit', 'pipe', 'pipe'],
    env: { ...process.env, DATA_DIR: dataDir },
  });
  child.stdout.on('data', (d: Buffer) => {
    process.stdout.write(d);
    log.write(d);
  });
  child.stderr.on('data', (d: Buffer) => {
    process.stderr.write(d);
    log.write(d);
  });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}

void main();
