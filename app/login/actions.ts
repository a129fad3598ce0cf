'use server';
// Sign-in and sign-out. One generic error for every failed sign-in; throttled per account and per client
// address, the attempt reserved before the password is checked (lib/auth/throttle.ts).
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { appendAudit } from '@/lib/audit/audit';
import { getConfig } from '@/lib/config';
import { getCurrentStaff, sessionToken } from '@/lib/auth/guard';
import { safeNext } from '@/lib/auth/safe-next';
import { DUMMY_HASH, verifyPassword } from '@/lib/auth/password';
import { isHttps, requestInfo, sameOriginRequest } from '@/lib/auth/request';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE, createSession, deleteSession } from '@/lib/auth/session';
import { findStaffByEmail, markSignedIn, normaliseEmail } from '@/lib/auth/staff';
import { clearFailures, reserveAttempt, throttleKeys, waitBeforeAttempt } from '@/lib/auth/throttle';
import { countSignInFailure, countSignInThrottled } from '@/lib/metrics';

export type SignInState = { error: string | null; email: string };

const input = z.object({
  email: z.string().trim().max(254),
  password: z.string().max(1024),
  next: z.string().max(2048).optional(),
});

const GENERIC = 'Email or password is wrong';

export async function signIn(_prev: SignInState, form: FormData): Promise<SignInState> {
  // A public endpoint: anything may arrive in place of the form.
  if (!(form instanceof FormData)) return { error: GENERIC, email: '' };
  const parsed = input.safeParse({
    email: form.get('email'),
    password: form.get('password'),
    next: form.get('next') ?? undefined,
  });
  const emailTyped = typeof form.get('email') === 'string' ? String(form.get('email')).slice(0, 254) : '';
  if (!(await sameOriginRequest()))
    return { error: 'This sign-in did not come from the Customer Desk.', email: emailTyped };
  if (!parsed.success || !parsed.data.email || !parsed.data.password)
    return { error: GENERIC, email: emailTyped };
  const { password, next } = parsed.data;
  const email = normaliseEmail(parsed.data.email);
  const req = await requestInfo();
  const keys = throttleKeys(email, req.ip);
  const unknownActor = { id: null, email, role: null };

  if (!(await reserveAttempt(keys))) {
    countSignInThrottled();
    const wait = Math.max(1000, await waitBeforeAttempt(keys));
    await appendAudit({
      actor: unknownActor,
      request: req,
      action: 'auth.sign_in_failed',
      outcome: 'rejected',
      detail: 'throttled',
    });
    return {
      error: `Too many failed sign-ins. Wait ${Math.ceil(wait / 1000)} s, then try again.`,
      email: emailTyped,
    };
  }

  const staff = await findStaffByEmail(email);
  // Accounts made by single sign-on hold no password hash: check the dummy so timing says nothing.
  const stored = staff?.password_hash.startsWith('scrypt$') ? staff.password_hash : DUMMY_HASH;
  const ok = !!staff && stored !== DUMMY_HASH && (await verifyPassword(password, stored));
  if (stored === DUMMY_HASH) await verifyPassword(password, DUMMY_HASH);
  // With single sign-on, passwords may be off, or kept for the ADMIN_EMAIL account only (break-glass).
  const { authPasswords, admin } = getConfig();
  const passwordAllowed =
    authPasswords === 'on' ||
    (authPasswords === 'break-glass' && !!admin && normaliseEmail(admin.email) === email);
  if (!staff || !ok || staff.disabled === 1 || !passwordAllowed) {
    countSignInFailure(
      !staff
        ? 'unknown_email'
        : staff.disabled === 1
          ? 'disabled'
          : !ok
            ? 'wrong_password'
            : 'password_not_allowed',
    );
    await appendAudit({
      actor: staff ? { id: staff.id, email: staff.email, role: staff.role } : unknownActor,
      request: req,
      action: 'auth.sign_in_failed',
      outcome: 'rejected',
      detail: !staff
        ? 'unknown email'
        : staff.disabled === 1
          ? 'account disabled'
          : !ok
            ? 'wrong password'
            : authPasswords === 'off'
              ? 'passwords are off'
              : 'passwords are break-glass only',
    });
    return { error: GENERIC, email: emailTyped };
  }

  // Success clears both counters: the account is proven, and people sharing an office IP are not locked out.
  for (const key of keys) await clearFailures(key);
  const token = await createSession(staff.id, { ip: req.ip, userAgent: req.userAgent });
  await markSignedIn(staff.id);
  await appendAudit({
    actor: { id: staff.id, email: staff.email, role: staff.role },
    request: req,
    action: authPasswords === 'break-glass' ? 'auth.break_glass_sign_in' : 'auth.sign_in',
    outcome: 'success',
    detail: authPasswords === 'break-glass' ? 'password sign-in by the break-glass admin' : null,
  });
  const secure = await isHttps();
  const jar = await cookies();
  jar.set(secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
  });
  redirect(safeNext(next));
}

// signIn and signOut are the only actions without authAction: signing in needs no session, and signing out
// without one changes nothing. Both refuse calls from other sites first.
export async function signOut(): Promise<void> {
  if (!(await sameOriginRequest())) return;
  const jar = await cookies();
  const token = await sessionToken();
  const staff = await getCurrentStaff();
  if (token) await deleteSession(token);
  if (staff)
    await appendAudit({
      actor: { id: staff.id, email: staff.email, role: staff.role },
      request: await requestInfo(),
      action: 'auth.sign_out',
      outcome: 'success',
    });
  jar.delete(SESSION_COOKIE);
  jar.delete(SECURE_SESSION_COOKIE);
  // With single sign-on, /login then offers to sign out of the provider too.
  redirect(getConfig().oidc ? '/login?signed_out=1' : '/login');
}
