import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';

// The index page polls its status through TanStack Query; its client lives only on the pages that use it.
export default function SyncLayout({ children }: { children: ReactNode }) {
  return <Providers>{children}</Providers>;
}
