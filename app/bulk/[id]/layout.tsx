import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';

// The run view polls through TanStack Query; other pages do not load it.
export default function BulkRunLayout({ children }: { children: ReactNode }) {
  return <Providers>{children}</Providers>;
}
