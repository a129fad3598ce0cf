// Readiness against the real test database: ready when migrated; not ready while draining, or when a
// migration the code expects is missing from the database.
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/database';
import { beginDrain, resetLifecycle } from '@/lib/lifecycle';
import { readiness } from './readiness';

afterEach(() => resetLifecycle());

describe('readiness', () => {
  it('is ready with the database reachable and migrated', async () => {
    expect(await readiness()).toEqual({ ready: true });
  });

  it('says "draining" once the server has begun to stop', async () => {
    beginDrain();
    expect(await readiness()).toEqual({ ready: false, reason: 'draining' });
  });

  it('says "migrations" when one the code expects is not applied', async () => {
    const k = await db();
    const [last] = (
      await sql<{ name: string }>`SELECT name FROM desk_migrations ORDER BY name DESC LIMIT 1`.execute(k)
    ).rows;
    await sql`DELETE FROM desk_migrations WHERE name = ${last!.name}`.execute(k);
    try {
      expect(await readiness()).toEqual({ ready: false, reason: 'migrations' });
    } finally {
      await sql`INSERT INTO desk_migrations (name, applied_at) VALUES (${last!.name}, ${new Date().toISOString()})`.execute(
        k,
      );
    }
  });
});
