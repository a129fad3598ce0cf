// The per-customer write lock, shared by every server: a PostgreSQL transaction-level advisory lock
// (`pg_advisory_xact_lock`) held by an open transaction on a small dedicated pool while the save runs.
// Never a session-level lock: those outlive a failed release and leak through pooled connections.
// If the server dies, PostgreSQL ends its connection and the lock frees at once; if it hangs, the
// transaction is ended by `idle_in_transaction_session_timeout` after the hold limit.
import 'server-only';
import type pg from 'pg';
import { getConfig } from '@/lib/config';
import { log } from '@/lib/log/logger';
import { lockPool } from './database';

export class LockBusyError extends Error {}

/**
 * How long a save may hold a customer's lock, and wait for it: one Flex timeout for each of the conflict
 * check's GET, the PATCH and the re-read after an unclear answer.
 */
export function lockLimits(flexTimeoutMs = getConfig().flex.timeoutMs): { holdMs: number; waitMs: number } {
  const holdMs = 3 * flexTimeoutMs;
  return { holdMs, waitMs: holdMs };
}

/**
 * Runs `fn` holding the lock on `key`; waits (up to the limit) while another server or request holds it.
 * When the lock cannot be had in time: `onBusy()` if given, else a LockBusyError.
 */
export async function withAdvisoryLock<T>(key: string, fn: () => Promise<T>, onBusy?: () => T): Promise<T> {
  try {
    return await holding(key, fn);
  } catch (e) {
    if (e instanceof LockBusyError && onBusy) return onBusy();
    throw e;
  }
}

async function holding<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const { holdMs, waitMs } = lockLimits();
  const pool = await lockPool();
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (e) {
    throw new LockBusyError(`No lock connection available: ${e instanceof Error ? e.message : String(e)}`);
  }
  // A checked-out client has no error listener of the pool's: without this, the server ending the
  // session (hold limit, restart) would be an uncaught error.
  let lost: Error | undefined;
  const onError = (e: Error) => (lost = e);
  client.on('error', onError);
  let discard = false;
  try {
    // One round trip: the transaction, its limits and the lock, as one simple-protocol batch (no
    // parameters there, so the key goes in as an escaped literal). A failure in it ends the batch.
    try {
      await client.query(
        `BEGIN; SELECT set_config('lock_timeout', '${waitMs}ms', true), ` +
          `set_config('idle_in_transaction_session_timeout', '${holdMs}ms', true); ` +
          `SELECT pg_advisory_xact_lock(hashtextextended(${client.escapeLiteral(key)}, 0))`,
      );
    } catch (e) {
      discard = true;
      if ((e as { code?: string }).code === '55P03')
        throw new LockBusyError(`Another save to ${key} held the lock for more than ${waitMs} ms`);
      throw e;
    }
    const result = await fn();
    try {
      await client.query('COMMIT');
    } catch (e) {
      // The hold limit ended the transaction (and freed the lock) while fn ran; its work is done.
      discard = true;
      log.warn(
        { lock: key, err: lost?.message ?? (e instanceof Error ? e.message : String(e)) },
        'lock held past its limit',
      );
    }
    return result;
  } catch (e) {
    if (!discard) await client.query('ROLLBACK').catch(() => (discard = true));
    throw e;
  } finally {
    client.off('error', onError);
    client.release(discard || lost !== undefined);
  }
}
