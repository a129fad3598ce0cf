// Small measuring helpers shared by the bench's parts: percentiles, starting the app, and the memory
// sampler (a separate process).
import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}
export const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

export type MemoryPeak = {
  name: string;
  /** Peak of the sum of RSS over the tree (PostgreSQL excluded). */
  totalKb: number;
  /** Peak PSS of PostgreSQL's postmaster and backends, when a data dir was given. */
  postgresKb: number;
  /** Peak RSS of each kind of process in the tree. */
  byProcess: Record<string, number>;
};

/**
 * Samples memory from a separate process (bench/memory-sampler.mjs): nothing here blocks the process that
 * times requests. `stop()` answers each watched tree's peaks.
 */
export function startSampler(
  watched: { name: string; root: number; pg?: string }[],
  everyMs = 200,
): { stop: () => Promise<MemoryPeak[]> } {
  const child = fork(path.resolve('bench/memory-sampler.mjs'), [JSON.stringify(watched), String(everyMs)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let answer: Promise<MemoryPeak[]> | undefined;
  return {
    stop: () =>
      (answer ??= new Promise<MemoryPeak[]>((resolve) => {
        child.once('message', (m) => resolve(m as MemoryPeak[]));
        child.once('exit', () => resolve([]));
        child.send('stop');
      })),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The saves' audited count, read until it reaches `saved` or 5 s pass: a save's completion row follows its
 * answer (under the customer's lock), so counting at once could miss the last few.
 */
export async function auditedOnceSettled(count: () => Promise<number>, saved: number): Promise<number> {
  let n = await count();
  for (let i = 0; i < 50 && n < saved; i++) {
    await sleep(100);
    n = await count();
  }
  return n;
}

/** `npm start` (the production app on the sandbox) on a fresh DATA_DIR, quiet but for warnings. */
export function startApp(dataDir: string, env: Record<string, string>): ChildProcess {
  fs.rmSync(dataDir, { recursive: true, force: true });
  return spawn(
    process.execPath,
    [require.resolve('tsx/cli'), '--conditions=react-server', 'scripts/start.ts'],
    {
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
}

/** Waits until the app answers its sign-in page (the first start builds: up to 10 minutes). */
export async function waitForApp(base: string, server: ChildProcess): Promise<void> {
  for (let i = 0; ; i++) {
    if (server.exitCode !== null) throw new Error('the app did not start');
    if (
      await fetch(`${base}/login`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    if (i > 600) throw new Error('the app did not start within 10 minutes');
    await sleep(1000);
  }
}
