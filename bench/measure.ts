// Small measuring helpers shared by the bench's parts: percentiles and the RSS of process trees.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}
export const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

export function descendants(pid: number): number[] {
  try {
    const kids = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
    return kids.flatMap((k) => [k, ...descendants(k)]);
  } catch {
    return [];
  }
}

export function rssKb(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      total += Number(m?.[1] ?? 0);
    } catch {
      /* gone */
    }
  }
  return total;
}

/**
 * Proportional set size: shared pages divided among the processes sharing them. For PostgreSQL, whose
 * backends all map the shared buffers, summing RSS would count that memory once per backend.
 */
export function pssKb(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const m = /^Pss:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      total += Number(m?.[1] ?? 0);
    } catch {
      /* gone */
    }
  }
  return total;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

/** The embedded PostgreSQL under DATA_DIR: its postmaster and backends. */
export function postgresPids(dataDir: string): number[] {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    return pid ? [pid, ...descendants(pid)] : [];
  } catch {
    return [];
  }
}
