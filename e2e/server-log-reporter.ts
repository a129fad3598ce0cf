// A Playwright reporter that stays silent on a passing run and, when the run fails (a test, or the servers
// failing to start), prints the tail of each e2e server's log. The servers write only to those files
// (scripts/e2e-server.ts), so without this a failure would hide the server's side of the story.
import fs from 'node:fs';
import type { FullResult, Reporter } from '@playwright/test/reporter';
import { E2E, LIVE, SSO } from './env';

const TAIL_LINES = 200;
const TAIL_BYTES = 512 * 1024;
const LOGS = [E2E.serverEnv.DATA_DIR, LIVE.serverEnv.DATA_DIR, SSO.serverEnv.DATA_DIR].map(
  (dir) => `${dir}/server.log`,
);

/** The last `lines` lines of a file, reading at most its last TAIL_BYTES. */
export function tailOf(path: string, lines: number): string {
  const fd = fs.openSync(path, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, TAIL_BYTES);
    const buf = Buffer.alloc(length);
    fs.readSync(fd, buf, 0, length, size - length);
    const all = buf.toString('utf8').split('\n');
    if (length < size) all.shift(); // the first line was cut by the byte window
    if (all.at(-1) === '') all.pop();
    return all.slice(-lines).join('\n');
  } finally {
    fs.closeSync(fd);
  }
}

export default class ServerLogReporter implements Reporter {
  // A log not written since the run began belongs to an earlier run (e.g. a server that never started now).
  // The second of slack covers file systems whose timestamps lag the clock by a tick.
  private readonly startedAt = Date.now() - 1000;

  printsToStdio(): boolean {
    return false;
  }

  onEnd(result: FullResult): void {
    if (result.status !== 'failed' && result.status !== 'timedout') return;
    for (const path of LOGS) {
      let stat: fs.Stats;
      try {
        stat = fs.statSync(path);
      } catch {
        continue;
      }
      if (stat.mtimeMs < this.startedAt) {
        console.error(`\n${path}: not written during this run.`);
        continue;
      }
      console.error(
        `\n──── last ${TAIL_LINES} lines of ${path} ────\n${tailOf(path, TAIL_LINES)}\n──── end of ${path} ────`,
      );
    }
  }
}
