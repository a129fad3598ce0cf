import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense, type ReactNode } from 'react';
import { SearchBox } from '@/components/finder/search-box';
import { LiveBadge, ModeStripe } from '@/components/ui/mode-marker';
import { signOut } from '@/app/login/actions';
import { getCurrentStaff } from '@/lib/auth/guard';
import { ROLE_LABEL, can } from '@/lib/auth/permissions';
import { flexMode } from '@/lib/config';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Flex Customer Desk', template: '%s · Flex Customer Desk' },
  robots: { index: false, follow: false },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { testMode } = flexMode();
  const staff = await getCurrentStaff();
  return (
    <html lang="en">
      <body className="min-h-screen antialiased">
        <ModeStripe testMode={testMode} />
        <header className="border-b border-line bg-surface">
          <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-2">
            <Link href="/" className="text-lg font-semibold">
              Flex Customer Desk
            </Link>
            <LiveBadge testMode={testMode} />
            {staff && (
              <>
                <Link href="/" className="underline-offset-2 hover:underline">
                  Customers
                </Link>
                {can(staff.role, 'bulk.run') && (
                  <Link href="/bulk" className="underline-offset-2 hover:underline">
                    Bulk corrections
                  </Link>
                )}
                {can(staff.role, 'audit.read') && (
                  <Link href="/audit" className="underline-offset-2 hover:underline">
                    Audit
                  </Link>
                )}
                {can(staff.role, 'staff.manage') && (
                  <Link href="/staff" className="underline-offset-2 hover:underline">
                    Staff
                  </Link>
                )}
                {can(staff.role, 'sync.manage') && (
                  <Link href="/sync" className="underline-offset-2 hover:underline">
                    Index
                  </Link>
                )}
                <div className="min-w-48 flex-1">
                  <Suspense>
                    <SearchBox hideOnHome />
                  </Suspense>
                </div>
                <span className="ml-auto text-sm">
                  <span className="font-medium">{staff.displayName}</span>{' '}
                  <span className="text-muted">
                    {staff.email} · {ROLE_LABEL[staff.role]}
                  </span>
                </span>
                <form action={signOut}>
                  <button type="submit" className="min-h-6 rounded border border-line px-2 py-0.5 text-sm">
                    Sign out
                  </button>
                </form>
              </>
            )}
          </nav>
        </header>
        <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
      </body>
    </html>
  );
}
