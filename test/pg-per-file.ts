// Vitest setup file: a fresh PostgreSQL database for this test file, as DATABASE_URL, before any module
// reads the configuration. Real PostgreSQL, no mocks.
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';

const admin = inject('pgAdminUrl');
const name = `t_${crypto.randomBytes(6).toString('hex')}`;
const client = new pg.Client({ connectionString: admin });
await client.connect();
await client.query(`CREATE DATABASE ${name}`);
await client.end();
const url = new URL(admin);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
process.env.TEST_ADMIN_DATABASE_URL = admin;

// On a shared server (TEST_DATABASE_URL), leave nothing behind; the embedded one is removed whole.
if (process.env.TEST_DATABASE_URL)
  afterAll(async () => {
    const c = new pg.Client({ connectionString: admin });
    c.on('error', () => {});
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
