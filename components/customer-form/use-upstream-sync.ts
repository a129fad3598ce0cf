'use client';
// Keeps the edit page in step with Flex: coming back to the tab (after a few seconds away) reads the
// customer again. Untouched, the form takes the new values; while editing, a banner says so and the
// conflict check decides at save time.
import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchCustomer } from '@/app/customers/[id]/actions';
import type { Customer } from '@/lib/customers/types';

/** Long enough not to re-read at once after a load or a save; short enough to notice changes made meanwhile. */
const STALE_MS = 5_000;

export function useUpstreamSync({
  id,
  current,
  dirty,
  rebase,
}: {
  id: string;
  /** The customer the form stands on. */
  current: Customer;
  dirty: boolean;
  /** Puts the form on this customer (no edits are lost: only called while nothing is edited). */
  rebase: (c: Customer) => void;
}) {
  const [upstreamChanged, setUpstreamChanged] = useState(false);
  const readAt = useRef(0);
  // Handlers run later than the render that made them: they read the latest values here.
  const latest = useRef({ current, dirty, rebase });
  useEffect(() => {
    if (readAt.current === 0 || latest.current.current !== current) readAt.current = Date.now();
    latest.current = { current, dirty, rebase };
  });

  /** An answer from Flex (a re-read, a conflict's current record, a live notice's refetch). */
  const seen = useCallback((c: Customer) => {
    readAt.current = Date.now();
    const now = latest.current;
    if (JSON.stringify(c) === JSON.stringify(now.current)) return;
    if (now.dirty) setUpstreamChanged(true);
    else {
      now.rebase(c);
      setUpstreamChanged(false);
    }
  }, []);

  const refresh = useCallback(async () => {
    readAt.current = Date.now();
    const r = await fetchCustomer(id).catch(() => null);
    if (r?.ok) seen(r.value);
  }, [id, seen]);

  useEffect(() => {
    const onBack = () => {
      if (document.visibilityState === 'visible' && Date.now() - readAt.current > STALE_MS) void refresh();
    };
    window.addEventListener('visibilitychange', onBack);
    window.addEventListener('focus', onBack);
    return () => {
      window.removeEventListener('visibilitychange', onBack);
      window.removeEventListener('focus', onBack);
    };
  }, [refresh]);

  /** The form stands on `c` now, in step with Flex (after a save). */
  const adopt = useCallback((c: Customer) => {
    latest.current.rebase(c);
    setUpstreamChanged(false);
  }, []);

  return {
    upstreamChanged,
    adopt,
    clearUpstream: useCallback(() => setUpstreamChanged(false), []),
    seen,
    refresh,
  };
}
