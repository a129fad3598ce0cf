import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { LiveBadge, ModeStripe } from '@/components/ui/mode-marker';
import { flexMode } from '@/lib/config';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Flex Customer Desk', template: '%s · Flex Customer Desk' },
  robots: { index: false, follow: false },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  const { testMode } = flexMode();
  return (
    <html lang="en">
      <body className="min-h-screen antialiased">
        <ModeStripe testMode={testMode} />
        <header className="border-b border-line bg-surface">
          <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-2">
            <Link href="/" className="text-lg font-semibold">
              Flex Customer Desk
            </Link>
            <LiveBadge testMode={testMode} />
          </nav>
        </header>
        <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
      </body>
    </html>
  );
}
