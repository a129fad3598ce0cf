// Start-up checks of a configured database and concurrent migrations, on real PostgreSQL.
import pg from 'pg';
import { migrationProvider } from './migrations';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '@/scripts/pg-embedded';
import { checkDatabase, closeDatabase, databaseUrl, migrate, openDatabase } from './database';

afterAll(() => closeDatabase());

describe('checkDatabase', () => {
  it('accepts the test PostgreSQL and names its version', async () => {
    expect(await checkDatabase(databaseUrl())).toMatch(/^1[4-9]|^[2-9]\d/);
  });

  it('stops with a message naming DATABASE_URL, without the password, when unreachable or refused', async () => {
    const port = await freePort();
    const down = `postgres://desk:hunter2-secret@127.0.0.1:${port}/desk`;
    await expect(checkDatabase(down)).rejects.toThrow(
      /^DATABASE_URL \(postgres:\/\/desk:\*\*\*@127\.0\.0\.1/,
    );
    await expect(checkDatabase(down)).rejects.not.toThrow(/hunter2/);
    const wrong = new URL(databaseUrl());
    wrong.password = 'not-the-password';
    await expect(checkDatabase(wrong.toString())).rejects.toThrow(
      /DATABASE_URL.*password authentication failed/,
    );
  });
});

describe('migrate', () => {
  it('applies each migration once when several servers start together', async () => {
    const name = `t_migrate_${Date.now()}`;
    const admin = new pg.Client({ connectionString: process.env.TEST_ADMIN_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(databaseUrl());
    url.pathname = `/${name}`;
    const servers = Array.from({ length: 4 }, () => openDatabase(url.toString()));
    await Promise.all(servers.map((s) => migrate(s)));
    const c = new pg.Client({ connectionString: url.toString() });
    await c.connect();
    const r = await c.query<{ name: string }>('SELECT name FROM desk_migrations ORDER BY name');
    const head = await c.query('SELECT * FROM audit_head');
    await c.end();
    await Promise.all(servers.map((s) => s.destroy()));
    await admin.query(`DROP DATABASE ${name}`);
    await admin.end();
    // Each exactly once, in order.
    const names = r.rows.map((x) => x.name);
    expect(names).toEqual(Object.keys(await migrationProvider.getMigrations()).sort());
    expect(names.slice(0, 4)).toEqual([
      '001_staff_sessions',
      '002_audit',
      '003_recently_viewed',
      '004_sqlite_import',
    ]);
    expect(head.rows).toEqual([{ id: 1, last_id: 0, last_hash: '0'.repeat(64) }]);
  });
});
