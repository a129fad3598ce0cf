// Counts the database round trips made while a function runs: every query any pg client sends (the app's
// pool and the lock pool alike). A multi-statement simple query is one round trip, and counts as one.
import pg from 'pg';

export async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  const queries: string[] = [];
  const original = pg.Client.prototype.query;
  const counting = function (this: pg.Client, ...args: unknown[]) {
    const q = args[0];
    queries.push(typeof q === 'string' ? q : ((q as { text?: string } | undefined)?.text ?? '?'));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
  pg.Client.prototype.query = counting as typeof original;
  try {
    return { result: await fn(), queries };
  } finally {
    pg.Client.prototype.query = original;
  }
}
