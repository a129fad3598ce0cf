// The server the e2e suite runs against: the production build on the embedded sandbox, on a fresh
// temporary DATA_DIR, with the sandbox's test-only admin routes enabled.
// Its whole output (build, sandbox, Next, pino lines) goes only to DATA_DIR/server.log: a passing run stays
// quiet, the security suite searches that file for secrets, and e2e/server-log-reporter.ts prints its tail
// when a run fails.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { STAMP, buildIsCurrent } from './build-stamp';

/**
 * A second e2e server shares the build. Playwright starts it once the first answers, so the first's build
 * is done: serve that build as it is (the sources may have been edited since; a second build while the
 * first server serves would break both). The wait covers a start without the first.
 */
async function waitForBuild() {
  const built = () => fs.existsSync(path.join('.next', 'BUILD_ID')) && fs.existsSync(STAMP);
  for (let i = 0; i < 240 && !built() && !buildIsCurrent(); i++)
    await new Promise((r) => setTimeout(r, 2000));
}

async function main() {
  const wait = !!process.env.E2E_WAIT_FOR_BUILD;
  if (wait) await waitForBuild();
  const dataDir = process.env.DATA_DIR ?? '.e2e-data';
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const logPath = `${dataDir}/server.log`;
  // The child writes to the file descriptor itself, not through a pipe here: every line is on disk as soon
  // as it is written (the security suite reads the file mid-run), and none is lost when Playwright ends the
  // process group at the end of the run.
  const logFd = fs.openSync(logPath, 'w');
  console.error(`e2e server on port ${process.env.PORT ?? '3000'}: output in ${logPath}`);
  const child = spawn('npm', ['start'], {
    stdio: ['inherit', logFd, logFd],
    env: { ...process.env, DATA_DIR: dataDir, ...(wait ? { DESK_SKIP_BUILD: '1' } : {}) },
  });
  fs.closeSync(logFd);
  let stopping = false;
  const stop = () => {
    stopping = true;
    child.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code, signal) => {
    if (!stopping && code !== 0)
      console.error(
        `e2e server on port ${process.env.PORT ?? '3000'} stopped (${signal ?? `exit code ${code}`}); ` +
          `its output is in ${logPath}`,
      );
    process.exit(code ?? (stopping ? 0 : 1));
  });
}

void main();
