// `npm start` as an operator runs it: the build `npm run build` made is served as it is; the app server, killed
// with kill -9, is restarted with a growing delay while PostgreSQL and the sandbox keep running (sessions
// survive); HOSTNAME opens it to the network, where /metrics needs METRICS_TOKEN whatever headers a client
// sends; SIGTERM, and Ctrl-C in a terminal, stop everything, PostgreSQL last.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuild } from '../../scripts/build';
import { readStamp } from '../../scripts/build-stamp';
import { embeddedUrlFor } from '../../scripts/pg-embedded';
import { sessionCookie, sleep } from './harness';

const TOKEN = 'metrics-token-for-the-start-test';
const SANDBOX_ADMIN = 'sandbox-admin-secret-of-the-start-test';
let dir: string;
let proc: ChildProcess;
let out = '';
let port: number;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}
const appServer = () =>
  JSON.parse(fs.readFileSync(path.join(dir, 'app-server.json'), 'utf8')) as { pid: number; restarts: number };
const postgresPid = (dataDir = dir) =>
  Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
/** A field of /proc/<pid>/stat after the command: 1 is the parent's pid, 2 the process group. */
const statOf = (pid: number, field: 1 | 2) =>
  Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[field]);
/** Waits until a desk on `port` is ready; its PostgreSQL's pid. */
async function readyPostgres(port: number, dataDir: string): Promise<number> {
  await until(`the desk on port ${port} is ready`, () =>
    fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    ),
  );
  return postgresPid(dataDir);
}
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
async function until(what: string, ok: () => Promise<boolean> | boolean, ms = 60_000): Promise<void> {
  const t0 = Date.now();
  while (!(await ok())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for: ${what}\n${out.slice(-3000)}`);
    await sleep(100);
  }
}
const ready = () =>
  fetch(`http://127.0.0.1:${port}/readyz`).then(
    (r) => r.ok,
    () => false,
  );
/** A non-loopback IPv4 address of this machine, to reach the desk as another machine would. */
const outsideAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

/** A second `npm start` on a DATA_DIR of its own; what it says is collected. */
async function anotherDesk(port: number, opts: { detached?: boolean } = {}) {
  const sandboxPort = await freePort();
  const other = fs.mkdtempSync(path.join('/tmp', 'desk-start-'));
  fs.chmodSync(other, 0o755);
  let text = '';
  const p = spawn(
    process.execPath,
    [require.resolve('tsx/cli'), '--conditions=react-server', 'scripts/start.ts'],
    {
      detached: opts.detached ?? false,
      env: {
        ...process.env,
        PORT: String(port),
        FLEX_SANDBOX_PORT: String(sandboxPort),
        FLEX_SANDBOX_ADMIN_SECRET: SANDBOX_ADMIN,
        DATA_DIR: other,
        DATABASE_URL: '',
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  p.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  p.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  return { p, other, sandboxPort, said: () => text };
}

beforeAll(async () => {
  ensureBuild(() => {});
  dir = fs.mkdtempSync(path.join('/tmp', 'desk-start-'));
  fs.chmodSync(dir, 0o755);
  port = await freePort();
  proc = spawn(
    process.execPath,
    [require.resolve('tsx/cli'), '--conditions=react-server', 'scripts/start.ts'],
    {
      env: {
        ...process.env,
        PORT: String(port),
        FLEX_SANDBOX_PORT: String(await freePort()),
        DATA_DIR: dir,
        DATABASE_URL: '',
        HOSTNAME: '0.0.0.0',
        METRICS_TOKEN: TOKEN,
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await until('the desk is ready', ready, 180_000);
});
afterAll(async () => {
  if (proc?.exitCode === null) {
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('serves the current build without building, and says so', () => {
    expect(out).toContain(`Serving the build of ${readStamp()!.builtAt}`);
    expect(out).not.toContain('Building the app');
  });

  it('kill -9 of the app server: restarted with a growing delay, PostgreSQL and the sandbox kept, sessions too', async () => {
    const admin = await sessionCookie(embeddedUrlFor(dir)!, 'admin@desk.test');
    const home = () => fetch(`http://127.0.0.1:${port}/`, { headers: { Cookie: admin }, redirect: 'manual' });
    expect((await home()).status).toBe(200);
    const pg = postgresPid();
    const first = appServer();

    process.kill(first.pid, 'SIGKILL');
    await until('a restarted app server', async () => appServer().pid !== first.pid && (await ready()));
    expect(out).toMatch(
      /app server killed by SIGKILL \(kill -9, or the system ran out of memory\); PostgreSQL and the sandbox keep running; restarting in 1 s/,
    );
    expect(postgresPid()).toBe(pg);
    expect(alive(pg)).toBe(true);
    expect((await home()).status).toBe(200); // same database, same session

    // A crash loop waits longer each time.
    const second = appServer();
    process.kill(second.pid, 'SIGKILL');
    await until('the second restart', async () => appServer().pid !== second.pid && (await ready()));
    expect(out).toMatch(/restarting in 2 s/);
    expect(appServer().restarts).toBe(2);
  });

  it.runIf(outsideAddress)(
    'HOSTNAME=0.0.0.0 opens it; /metrics from another address needs the token, whatever the headers say',
    async () => {
      const base = `http://${outsideAddress}:${port}`;
      expect((await fetch(`${base}/livez`)).status).toBe(200);
      const forged = {
        'x-forwarded-for': '127.0.0.1',
        'x-real-ip': '127.0.0.1',
        'x-desk-peer': 'guessed-secret 127.0.0.1 http',
      };
      const refused = await fetch(`${base}/metrics`, { headers: forged });
      expect(refused.status).toBe(403);
      expect(await refused.text()).not.toContain('desk_');
      expect(
        (await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong-token-of-length' } }))
          .status,
      ).toBe(403);
      const opened = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(opened.status).toBe(200);
      expect(await opened.text()).toContain('desk_http_request_duration_seconds');
    },
  );

  it('SIGTERM stops the app server, the sandbox, then PostgreSQL', async () => {
    const pg = postgresPid();
    const app = appServer().pid;
    proc.kill('SIGTERM');
    const code = await new Promise((r) => proc.once('exit', r));
    expect(code).toBe(0);
    expect(alive(app)).toBe(false);
    await until('PostgreSQL stopped', () => !alive(pg), 10_000);
  });

  it('Ctrl-C in a terminal (SIGINT to its whole process group): PostgreSQL, in a group of its own, stops last', async () => {
    const otherPort = await freePort();
    // A process group of its own, as a terminal gives a foreground job.
    const { p, other, sandboxPort, said } = await anotherDesk(otherPort, { detached: true });
    let pg = 0;
    try {
      pg = await readyPostgres(otherPort, other);
      expect(statOf(p.pid!, 2)).toBe(p.pid);
      expect(statOf(pg, 2)).not.toBe(p.pid); // the terminal's Ctrl-C does not reach it
      // A customer page in flight when Ctrl-C comes (Flex answers in 1.5 s): it is served, and what it writes
      // after its answer (recently viewed) reaches a database that is still up.
      const sandbox = `http://127.0.0.1:${sandboxPort}`;
      const list = await fetch(`${sandbox}/v1/customers?limit=1`, {
        headers: { Authorization: 'Bearer fsk_test_sandbox' },
      });
      const [customer] = ((await list.json()) as { customers: { customer_id: string }[] }).customers;
      await fetch(`${sandbox}/__sandbox/faults`, {
        method: 'PUT',
        headers: { 'x-sandbox-admin-secret': SANDBOX_ADMIN, 'Content-Type': 'application/json' },
        body: JSON.stringify({ faults: [], latencyMs: 1500 }),
      });
      const admin = await sessionCookie(embeddedUrlFor(other)!, 'admin@desk.test');
      const page = fetch(`http://127.0.0.1:${otherPort}/customers/${customer!.customer_id}`, {
        headers: { Cookie: admin },
      });
      await sleep(500);
      const exited = new Promise<number | null>((r) => p.once('exit', (code) => r(code)));
      process.kill(-p.pid!, 'SIGINT');
      const served = await page;
      expect(served.status).toBe(200);
      expect(await served.text()).toContain(customer!.customer_id);
      expect(await exited).toBe(0);
      await until('PostgreSQL stopped', () => !alive(pg), 10_000);
      // With PostgreSQL in the terminal's group it shut down at the Ctrl-C, and this write failed.
      expect(said()).not.toContain('recently viewed not recorded');
    } finally {
      if (p.exitCode === null) process.kill(-p.pid!, 'SIGKILL');
      if (pg && alive(pg)) process.kill(pg, 'SIGINT');
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('kill -9 of npm start itself: its PostgreSQL stops too', async () => {
    const otherPort = await freePort();
    const { p, other } = await anotherDesk(otherPort, { detached: true });
    let pg = 0;
    try {
      pg = await readyPostgres(otherPort, other);
      // The start script itself (tsx runs it in a child of the process spawned here), as the OOM killer would.
      const starter = statOf(pg, 1);
      expect(fs.readFileSync(`/proc/${starter}/cmdline`, 'utf8')).toContain('scripts/start.ts');
      process.kill(starter, 'SIGKILL');
      await until('PostgreSQL stopped after its parent died', () => !alive(pg), 10_000);
    } finally {
      try {
        process.kill(-p.pid!, 'SIGKILL'); // the app server it leaves behind
      } catch {
        // none left
      }
      if (pg && alive(pg)) process.kill(pg, 'SIGINT');
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('an app server that never starts (its port taken) is not restarted: npm start says so and stops', async () => {
    const taken = net.createServer();
    const busyPort = await freePort();
    await new Promise<void>((r) => taken.listen(busyPort, '127.0.0.1', r));
    const { p, other, said } = await anotherDesk(busyPort);
    const code = await new Promise((r) => p.once('exit', r));
    taken.close();
    try {
      expect(code).toBe(1);
      expect(said()).toContain('EADDRINUSE');
      expect(said()).toContain('The app server exited with code 1 before it served a request');
      expect(said()).not.toContain('restarting in');
      expect(fs.existsSync(path.join(other, 'pg', 'postmaster.pid'))).toBe(false); // PostgreSQL stopped too
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});
