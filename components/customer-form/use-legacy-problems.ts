'use client';
// Legacy values Flex holds that today's rules would not accept: a quiet note beside the field while it
// keeps Flex's value. The rules load after the page, not with it.
import { useEffect, useState } from 'react';
import type { CustomerFormInput } from '@/lib/customers/form-values';
import type { Problem } from '@/lib/customers/schema';

export const LEGACY_NOTICE =
  'Flex holds a value this form would not accept now. It stays as it is unless you change it.';

/** The note for a form path (or undefined): shown only while the field still holds Flex's value. */
export function useLegacyProblems(
  loaded: CustomerFormInput,
  phoneValid: boolean | undefined,
  dirty: readonly string[],
): (path: string) => string | undefined {
  const [problems, setProblems] = useState<Problem[]>([]);
  useEffect(() => {
    let live = true;
    void import('@/lib/customers/schema')
      .then((m) => m.legacyProblems(loaded, phoneValid))
      .then((p) => live && setProblems(p));
    return () => {
      live = false;
    };
  }, [loaded, phoneValid]);
  return (path: string) => {
    const changed =
      path === 'shipping' || path.startsWith('shipping.')
        ? dirty.some((p) => p.startsWith('shipping.'))
        : dirty.includes(path);
    return !changed && problems.some((h) => h.path === path) ? LEGACY_NOTICE : undefined;
  };
}
