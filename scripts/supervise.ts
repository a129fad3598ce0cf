// Keeps one app server process (scripts/serve.ts) running for `npm start`: when it dies on its own (a crash,
// out of memory, kill -9) it is started again after a growing delay, while the embedded PostgreSQL and the
// sandbox, which live in the supervising process, keep running. Each restart is logged with its cause.
// Its output is shown readable on a terminal (pino-pretty) unless LOG_FORMAT=json.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';
import { prettyFactory } from 'pino-pretty';
import { STOP_MS } from '@/lib/lifecycle';
import { log } from '@/lib/log/logger';

/** Delay before restart number `n` (1-based) of a crash loop: 1 s, 2 s, 4 s … at most 30 s. */
export function restartDelay(n: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, n - 1));
}

/** A server that stayed up this long is healthy again: its next crash starts the delays from 1 s. */
export const STABLE_MS = 60_000;

export type Supervisor = { readonly pid: number | undefined; stop(): Promise<void> };

/**
 * How an app server process is started: `scripts/serve.ts` with V8's old space held to `heapMb`. Left to
 * itself, V8 grows the heap of a busy server far past what it keeps alive (measured: 92 MiB live after a
 * burst of page views, 190 MiB used and 340 MiB resident); held, it collects sooner and stays in budget.
 */
export function appServerCommand(heapMb: number, args: string[]): string[] {
  return [`--max-old-space-size=${heapMb}`, '--import', 'tsx', 'scripts/serve.ts', ...args];
}

export function superviseAppServer(opts: {
  args: string[];
  /** APP_HEAP_MB. */
  heapMb: number;
  env: NodeJS.ProcessEnv;
  pretty: boolean;
  /** Written with the current app server's pid and restart count, for tools and tests. */
  stateFile?: string;
  /** The first app server died before it ever served (a port in use, a broken build): not a crash to retry. */
  onStartFailure: (why: string) => void;
}): Supervisor {
  let everServed = false;
  let child: ChildProcess | undefined;
  let stopping = false;
  let crashes = 0;
  let restarts = 0;
  let timer: NodeJS.Timeout | undefined;
  const prettify = opts.pretty
    ? prettyFactory({ colorize: process.stdout.isTTY, translateTime: 'SYS:HH:MM:ss', ignore: 'hostname,app' })
    : null;

  const relay = (from: NodeJS.ReadableStream, to: NodeJS.WritableStream) => {
    // Pino's JSON lines pretty; Next's own lines (not JSON) as they are.
    readline.createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => {
      if (prettify && line.startsWith('{')) {
        try {
          to.write(prettify(line));
          return;
        } catch {
          // Not a log line after all: shown as it is below.
        }
      }
      to.write(`${line}\n`);
    });
  };

  const start = () => {
    const startedAt = Date.now();
    const c = spawn(process.execPath, appServerCommand(opts.heapMb, opts.args), {
      // The IPC channel carries one message: 'serving', once the server listens.
      stdio: ['inherit', prettify ? 'pipe' : 'inherit', prettify ? 'pipe' : 'inherit', 'ipc'],
      env: { ...opts.env, ...(prettify ? { LOG_FORMAT: 'json' } : {}) },
    });
    child = c;
    if (prettify) {
      relay(c.stdout!, process.stdout);
      relay(c.stderr!, process.stderr);
    }
    if (opts.stateFile) {
      // Written whole or not at all (a reader never sees half a file): a new file renamed over the old.
      fs.writeFileSync(`${opts.stateFile}.new`, JSON.stringify({ pid: c.pid, restarts, startedAt }));
      fs.renameSync(`${opts.stateFile}.new`, opts.stateFile);
    }
    c.on('message', (m) => {
      if (m === 'serving') everServed = true;
    });
    c.on('exit', (code, signal) => {
      if (stopping) return;
      crashes = Date.now() - startedAt > STABLE_MS ? 1 : crashes + 1;
      const delay = restartDelay(crashes);
      restarts += 1;
      const why = signal
        ? `killed by ${signal}${
            signal === 'SIGKILL'
              ? ' (kill -9, or the system ran out of memory)'
              : signal === 'SIGABRT'
                ? ' (an abort: "JavaScript heap out of memory" above means APP_HEAP_MB is too small)'
                : ''
          }`
        : `exited with code ${code}`;
      if (!everServed) {
        opts.onStartFailure(`The app server ${why} before it served a request; see its output above.`);
        return;
      }
      log.error(
        { pid: c.pid, code, signal, restartInMs: delay, restarts },
        `app server ${why}; PostgreSQL and the sandbox keep running; restarting in ${delay / 1000} s`,
      );
      timer = setTimeout(start, delay);
    });
  };
  start();

  return {
    get pid() {
      return child?.pid;
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const gone = new Promise<void>((r) => c.once('exit', () => r()));
      c.kill('SIGTERM');
      const late = setTimeout(() => c.kill('SIGKILL'), STOP_MS + 500);
      await gone;
      clearTimeout(late);
    },
  };
}
