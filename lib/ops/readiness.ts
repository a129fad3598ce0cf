// Whether this server should be sent traffic (GET /readyz): not draining, the database answering, every
// migration applied. The reason is one word, for a load balancer's log; nothing else is said.
import 'server-only';
import { sql } from 'kysely';
import { db } from '@/lib/db/database';
import { migrationProvider } from '@/lib/db/migrations';
import { isDraining } from '@/lib/lifecycle';

export type Readiness = { ready: true } | { ready: false; reason: 'draining' | 'database' | 'migrations' };

const CHECK_MS = 2000;

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export async function readiness(): Promise<Readiness> {
  if (isDraining()) return { ready: false, reason: 'draining' };
  let applied: Set<string>;
  try {
    const k = await within(db(), CHECK_MS);
    const rows = await within(sql<{ name: string }>`SELECT name FROM desk_migrations`.execute(k), CHECK_MS);
    applied = new Set(rows.rows.map((r) => r.name));
  } catch (e) {
    // db() runs the migrations first; their failure is a migrations problem, not an unreachable database.
    const m = e instanceof Error ? e.message : '';
    return { ready: false, reason: m.startsWith('Database migration') ? 'migrations' : 'database' };
  }
  const wanted = Object.keys(await migrationProvider.getMigrations());
  if (wanted.some((name) => !applied.has(name))) return { ready: false, reason: 'migrations' };
  if (isDraining()) return { ready: false, reason: 'draining' };
  return { ready: true };
}
