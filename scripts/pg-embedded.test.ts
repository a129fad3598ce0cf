// The embedded PostgreSQL's start-up guards: a directory its user cannot reach, a second start on one
// DATA_DIR, and a stale pid file from a killed run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, unreachableAncestor } from './pg-embedded';

const root = fs.mkdtempSync('/tmp/desk-pg-guards-');
fs.chmodSync(root, 0o755);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const asRoot = process.getuid?.() === 0;

describe('startEmbeddedPostgres', () => {
  it.runIf(asRoot)('says in one line what to do when the data is under a root-only directory', async () => {
    const locked = path.join(root, 'locked');
    fs.mkdirSync(locked, { mode: 0o700 });
    expect(unreachableAncestor(path.join(locked, 'data'))).toBe(locked);
    await expect(startEmbeddedPostgres({ dataDir: path.join(locked, 'data') })).rejects.toThrow(
      /^DATA_DIR .* is inside .*locked, which the unprivileged "postgres" user .* cannot enter .*: set DATA_DIR to a directory outside it/,
    );
    expect(fs.existsSync(path.join(locked, 'data', 'pg'))).toBe(false); // refused before trying
  });

  it('refuses a second start on a DATA_DIR in use, and starts over a stale pid file', async () => {
    const dir = path.join(root, 'data');
    fs.mkdirSync(dir);
    // Another live process owns this DATA_DIR.
    const other = spawn('sleep', ['30']);
    fs.writeFileSync(path.join(dir, 'desk.pid'), String(other.pid));
    await expect(startEmbeddedPostgres({ dataDir: dir })).rejects.toThrow(
      new RegExp(`DATA_DIR .* is in use by another running desk \\(pid ${other.pid}\\)`),
    );
    other.kill();
    await new Promise((r) => other.once('exit', r));

    // Its owner was killed: the pid file is stale, and so is a postmaster.pid left by a PostgreSQL killed with it.
    const first = await startEmbeddedPostgres({ dataDir: dir });
    await first.stop();
    fs.writeFileSync(path.join(dir, 'pg', 'postmaster.pid'), `999999\n${path.join(dir, 'pg')}\n0\n5432\n`);
    const again = await startEmbeddedPostgres({ dataDir: dir });
    const c = new pg.Client({ connectionString: again.url });
    await c.connect();
    expect((await c.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await c.end();
    await again.stop();
    expect(fs.existsSync(path.join(dir, 'desk.pid'))).toBe(false);
  });
});
