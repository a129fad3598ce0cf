import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { Alert } from '@/components/ui/alert';
import { getConfig } from '@/lib/config';
import { getCurrentStaff } from '@/lib/auth/guard';
import { safeNext } from '@/lib/auth/safe-next';
import { endSessionUrl } from '@/lib/auth/oidc';

export const metadata: Metadata = { title: 'Sign in' };

const SSO_PROBLEM: Record<string, string> = {
  failed:
    'Single sign-on did not complete, so you are not signed in. Try again; if it keeps failing, ask IT.',
  unavailable: 'The sign-in service could not be reached. Try again in a minute.',
};

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[]; sso?: string; signed_out?: string }>;
}) {
  const { next, sso, signed_out: signedOut } = await searchParams;
  const target = safeNext(Array.isArray(next) ? next[0] : next);
  if (await getCurrentStaff()) redirect(target);
  const { oidc, authPasswords } = getConfig();
  const problem = typeof sso === 'string' && Object.hasOwn(SSO_PROBLEM, sso) ? SSO_PROBLEM[sso] : null;
  const providerSignOut = oidc && signedOut ? await endSessionUrl() : null;
  return (
    <section className="mx-auto mt-12 max-w-sm rounded border border-line bg-surface p-6">
      <h1 className="mb-4 text-xl font-semibold">Sign in to Flex Customer Desk</h1>
      {problem && (
        <Alert tone="danger" role="alert" as="p" pad="line" className="mb-4">
          {problem}
        </Alert>
      )}
      {providerSignOut && oidc && (
        <p className="mb-4">
          You are signed out of the desk.{' '}
          <a href={providerSignOut} className="text-accent underline">
            Also sign out of {oidc.providerName}
          </a>
        </p>
      )}
      {oidc && (
        <a
          href={`/auth/oidc/login?next=${encodeURIComponent(target)}`}
          className="block w-full rounded bg-accent px-4 py-2 text-center font-semibold text-canvas"
        >
          Sign in with {oidc.providerName}
        </a>
      )}
      {authPasswords !== 'off' && (
        <>
          {oidc && (
            <h2 className="mt-6 mb-2 text-sm font-medium text-muted">
              {authPasswords === 'break-glass'
                ? 'Break-glass admin only: sign in with a password'
                : 'Or sign in with a password'}
            </h2>
          )}
          <SignInForm next={target} />
        </>
      )}
    </section>
  );
}
