import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { getCurrentStaff, safeNext } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const { next } = await searchParams;
  const target = safeNext(Array.isArray(next) ? next[0] : next);
  if (await getCurrentStaff()) redirect(target);
  return (
    <section className="border-line bg-surface mx-auto mt-12 max-w-sm rounded border p-6">
      <h1 className="mb-4 text-xl font-semibold">Sign in to Flex Customer Desk</h1>
      <SignInForm next={target} />
    </section>
  );
}
