// After a single sign-on: the same server-side session, cookie and bookkeeping as a password sign-in.
import 'server-only';
import { cookies } from 'next/headers';
import type { RequestMeta } from '@/lib/audit/audit';
import { isHttps } from './request';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE, createSession } from './session';
import { markSignedIn, type Staff } from './staff';

export async function startSession(staff: Staff, req: RequestMeta): Promise<void> {
  const token = await createSession(staff.id, { ip: req.ip, userAgent: req.userAgent });
  await markSignedIn(staff.id);
  const secure = await isHttps();
  const jar = await cookies();
  jar.set(secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
  });
}
