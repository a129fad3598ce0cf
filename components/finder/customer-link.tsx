'use client';
// A customer's name as the link of a finder row: focusing or hovering it prefetches the customer's page, and
// `data-row` lets ↑/↓ and j/k (row-keys.ts) move between rows.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { ReactNode } from 'react';

export function CustomerLink({ id, children }: { id: string; children: ReactNode }) {
  const router = useRouter();
  const href = `/customers/${id}`;
  return (
    <Link
      href={href}
      prefetch={false}
      data-row
      onFocus={() => router.prefetch(href)}
      onMouseEnter={() => router.prefetch(href)}
      className="font-semibold text-accent underline-offset-2 hover:underline"
    >
      {children}
    </Link>
  );
}
