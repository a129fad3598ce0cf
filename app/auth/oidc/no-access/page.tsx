import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'No access' };

// Says why, and names no groups: which groups grant access is for IT to tell, not for this page.
export default async function NoAccessPage({ searchParams }: { searchParams: Promise<{ why?: string }> }) {
  const { why } = await searchParams;
  const disabled = why === 'disabled';
  return (
    <section className="mx-auto mt-12 max-w-md rounded border border-line bg-surface p-6">
      <h1 className="mb-2 text-xl font-semibold">No access to Flex Customer Desk</h1>
      <p>
        {disabled
          ? 'Your company account signed in, but your desk account is disabled. An admin of the desk can enable it.'
          : 'Your company account signed in, but it is not in a group that may use the desk. Ask your manager or IT for access, then sign in again.'}
      </p>
      <Link href="/login" className="mt-4 inline-block text-accent underline">
        Back to sign-in
      </Link>
    </section>
  );
}
