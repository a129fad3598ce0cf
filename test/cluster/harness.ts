// Drives `npm run cluster` for the multi-server tests: starts it on a temporary DATA_DIR, and talks to its
// app servers (server actions over HTTP, as the browser sends them), its sandbox and its PostgreSQL.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import type { Customer } from '@/lib/customers/types';
import { createFlexClient } from '@/lib/flex/client';
import { embeddedUrlFor } from '../../scripts/pg-embedded';

export let PORT = Number(process.env.CLUSTER_TEST_PORT ?? 3300);
let SANDBOX_PORT = Number(process.env.CLUSTER_TEST_SANDBOX_PORT ?? 4310);
let SANDBOX = `http://127.0.0.1:${SANDBOX_PORT}`;

/** Other ports (the bench runs its own cluster beside the tests'). Call before startCluster. */
let portsChosen = false;
export function setPorts(port: number, sandboxPort: number): void {
  portsChosen = true;
  PORT = port;
  SANDBOX_PORT = sandboxPort;
  SANDBOX = `http://127.0.0.1:${SANDBOX_PORT}`;
  flex = makeFlex();
}
const ADMIN_SECRET = 'cluster-test-admin-secret-0001';
const KEY = 'fsk_test_cluster_0123456789';
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type Cluster = {
  dir: string;
  proc: ChildProcess;
  output: () => string;
  servers: { port: number; pid: number }[];
  pgUrl: string;
  stop(): Promise<void>;
};

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, () => srv.close(() => resolve(true)));
  });
}

/** `n` consecutive free ports (other worktrees and sessions run servers on this machine too). */
async function freeRun(n: number): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 20_000);
    let ok = true;
    for (let i = 0; i < n && ok; i++) ok = await portFree(base + i);
    if (ok) return base;
  }
}

export async function startCluster(size = 2): Promise<Cluster> {
  if (!process.env.CLUSTER_TEST_PORT && !portsChosen) {
    const base = await freeRun(size + 2);
    setPorts(base, base + size + 1);
  }
  const dir = fs.mkdtempSync(path.join('/tmp', 'desk-cluster-'));
  fs.chmodSync(dir, 0o755);
  let out = '';
  const proc = spawn(
    process.execPath,
    [require.resolve('tsx/cli'), '--conditions=react-server', 'scripts/cluster.ts'],
    {
      env: {
        ...process.env,
        PORT: String(PORT),
        CLUSTER_SIZE: String(size),
        DATA_DIR: dir,
        FLEX_SANDBOX_PORT: String(SANDBOX_PORT),
        FLEX_SANDBOX_KEYS: KEY,
        FLEX_SANDBOX_ADMIN_SECRET: ADMIN_SECRET,
        FLEX_SANDBOX_RATE: '1000000',
        FLEX_TIMEOUT_MS: '5000',
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const infoFile = path.join(dir, 'cluster.json');
  while (!fs.existsSync(infoFile)) {
    if (proc.exitCode !== null) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`npm run cluster exited:\n${out.slice(-4000)}`);
    }
    await sleep(200);
  }
  const info = JSON.parse(fs.readFileSync(infoFile, 'utf8')) as { servers: { port: number; pid: number }[] };
  return {
    dir,
    proc,
    output: () => out,
    servers: info.servers,
    pgUrl: embeddedUrlFor(dir)!,
    stop: async () => {
      if (proc.exitCode === null) {
        proc.kill('SIGTERM');
        await new Promise((r) => proc.once('exit', r));
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function query<R extends Record<string, unknown>>(
  url: string,
  text: string,
  params: unknown[] = [],
) {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => {});
  await c.connect();
  try {
    return (await c.query<R>(text, params)).rows;
  } finally {
    await c.end();
  }
}

/** A signed-in session for a staff member, made as sign-in makes it (only the token's hash is stored). */
export async function sessionCookie(url: string, email: string): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  const now = new Date().toISOString();
  const [staff] = await query<{ id: string }>(url, 'SELECT id FROM staff WHERE email = $1', [email]);
  await query(
    url,
    'INSERT INTO sessions (id_hash, staff_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)',
    [crypto.createHash('sha256').update(token).digest('hex'), staff!.id, now],
  );
  return `desk_session=${token}`;
}

function actionId(name: string, file: string): string {
  const manifest = JSON.parse(fs.readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, v]) => v.exportedName === name && v.filename === file);
  if (!found) throw new Error(`No server action ${name} in the build.`);
  return found[0];
}

/** A server action called as the browser calls it: its id from the build, its arguments as JSON. */
export async function callAction(
  port: number,
  cookie: string,
  page: string,
  action: { name: string; file: string },
  args: unknown[],
): Promise<{ status: number; result?: Record<string, unknown> }> {
  const res = await fetch(`http://localhost:${port}${page}`, {
    method: 'POST',
    headers: {
      'Next-Action': actionId(action.name, action.file),
      'Content-Type': 'text/plain;charset=UTF-8',
      Accept: 'text/x-component',
      Origin: `http://localhost:${port}`,
      'Sec-Fetch-Site': 'same-origin',
      Cookie: cookie,
    },
    body: JSON.stringify(args),
  });
  const text = await res.text();
  const line = text.split('\n').find((l) => l.startsWith('1:'));
  return {
    status: res.status,
    result: line ? (JSON.parse(line.slice(2)) as Record<string, unknown>) : undefined,
  };
}

export type SaveAnswer = { status: number; result?: { ok: boolean; kind?: string; message?: string } };

/** The edit page's save, as the browser calls it, on one app server (or the proxy). */
export async function save(
  port: number,
  cookie: string,
  id: string,
  original: unknown,
  values: unknown,
): Promise<SaveAnswer> {
  const r = await callAction(
    port,
    cookie,
    `/customers/${id}`,
    { name: 'saveCustomer', file: 'app/customers/[id]/actions.ts' },
    [{ id, original, values }],
  );
  return { status: r.status, result: r.result as SaveAnswer['result'] };
}

// The app's own Flex client (wire format → Customer), straight to the sandbox: what an edit page loads.
const makeFlex = () =>
  createFlexClient({
    baseUrl: `${SANDBOX}/v1`,
    apiKey: KEY,
    timeoutMs: 10_000,
    logger: { info: () => {}, warn: () => {} },
  });
let flex = makeFlex();
export const flexGet = (id: string): Promise<Customer> => flex.getCustomer(id);
export const flexList = (limit: number): Promise<Customer[]> => flex.listCustomers({ limit });

export async function sandboxAdmin(method: string, p: string, body?: unknown): Promise<void> {
  const r = await fetch(`${SANDBOX}${p}`, {
    method,
    headers: { 'x-sandbox-admin-secret': ADMIN_SECRET, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`sandbox ${method} ${p}: ${r.status}`);
}

export type SandboxRequest = {
  at: string;
  method: string;
  path: string;
  query: string;
  status: number;
  body: string;
};

/** What the sandbox received, oldest first (its log keeps the last 5,000). */
export async function sandboxRequests(): Promise<SandboxRequest[]> {
  const r = await fetch(`${SANDBOX}/__sandbox/requests`, {
    headers: { 'x-sandbox-admin-secret': ADMIN_SECRET },
  });
  return ((await r.json()) as { requests: SandboxRequest[] }).requests;
}
