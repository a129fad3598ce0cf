// Server-side sessions: a random 256-bit token in an HttpOnly cookie, only its hash in the database.
// Idle and absolute timeouts; sign-out deletes the row; disabling an account deletes its rows.
import 'server-only';
import crypto from 'node:crypto';
import { getConfig } from '@/lib/config';
import { db as getDb } from '@/lib/db/database';
import { toStaff, type Staff } from './staff';

export const SESSION_COOKIE = 'desk_session';
export const SECURE_SESSION_COOKIE = '__Host-desk_session';
const TOUCH_EVERY_MS = 60_000;

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export async function createSession(
  staffId: string,
  info: { ip: string | null; userAgent: string | null },
): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  const now = new Date().toISOString();
  const db = await getDb();
  await db
    .insertInto('sessions')
    .values({
      id_hash: hashToken(token),
      staff_id: staffId,
      created_at: now,
      last_seen_at: now,
      ip: info.ip,
      user_agent: info.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return token;
}

export type SessionTimes = { createdAt: string; lastSeenAt: string };

export function sessionExpired(s: SessionTimes, now: number, limits = getConfig().session): boolean {
  return now - Date.parse(s.lastSeenAt) > limits.idleMs || now - Date.parse(s.createdAt) > limits.absoluteMs;
}

/**
 * The staff member behind a session token, or null (expired, unknown, or a disabled account). `touch: false` checks without extending the idle
 * timeout (a page left open, such as the live customer stream, is not activity).
 */
export async function staffForToken(
  token: string | undefined,
  opts: { touch?: boolean } = {},
): Promise<Staff | null> {
  if (!token || token.length > 100) return null;
  const db = await getDb();
  const idHash = hashToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('staff', 'staff.id', 'sessions.staff_id')
    .selectAll('staff')
    .select(['sessions.created_at as s_created', 'sessions.last_seen_at as s_seen'])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row) return null;
  const now = Date.now();
  if (row.disabled === 1 || sessionExpired({ createdAt: row.s_created, lastSeenAt: row.s_seen }, now)) {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return null;
  }
  if (opts.touch !== false && now - Date.parse(row.s_seen) > TOUCH_EVERY_MS)
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(now).toISOString() })
      .where('id_hash', '=', idHash)
      .execute();
  const { s_created: _c, s_seen: _s, ...staffRow } = row;
  void _c;
  void _s;
  return toStaff(staffRow);
}

export async function deleteSession(token: string): Promise<void> {
  const db = await getDb();
  await db.deleteFrom('sessions').where('id_hash', '=', hashToken(token)).execute();
}
