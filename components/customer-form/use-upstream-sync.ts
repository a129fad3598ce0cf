'use client';
// Keeps the edit page in step with Flex: coming back to the tab (after a few seconds away) reads the
// customer again. Untouched, the form takes the new values; while editing, a banner says so and the
// conflict check decides at save time.
import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchCustomer } from '@/app/customers/[id]/actions';
import type { Customer } from '@/lib/customers/types';

/** Long enough not to re-read at once after a load or a save; short enough to notice changes made meanwhile. */
const STALE_MS = 5_000;

/** The record as Flex holds it, without the raw answer it came in (headers and key order differ per read). */
function sameRecord(a: Customer, b: Customer): boolean {
  const { raw: _a, ...x } = a;
  const { raw: _b, ...y } = b;
  void _a;
  void _b;
  return JSON.stringify(x) === JSON.stringify(y);
}

export function useUpstreamSync({
  id,
  current,
  dirtyNow,
  rebase,
}: {
  id: string;
  /** The customer the form stands on. */
  current: Customer;
  /** Whether the person has edited anything, asked at the moment an answer arrives. */
  dirtyNow: () => boolean;
  /** Puts the form on this customer (no edits are lost: only called while nothing is edited). */
  rebase: (c: Customer) => void;
}) {
  const [upstreamChanged, setUpstreamChanged] = useState(false);
  const readAt = useRef(0);
  // Handlers run later than the render that made them: they read the latest values here.
  const latest = useRef({ current, dirtyNow, rebase });
  useEffect(() => {
    if (readAt.current === 0 || latest.current.current !== current) readAt.current = Date.now();
    latest.current = { current, dirtyNow, rebase };
  });

  /**
   * An answer from Flex (a re-read, a conflict's current record, a live notice's refetch). `quiet`: the
   * caller tells the person itself (the live notice), so no second banner says the same.
   */
  const seen = useCallback((c: Customer, quiet = false) => {
    readAt.current = Date.now();
    const now = latest.current;
    // The same record again (a late notice of a change this page already shows): the form is left alone,
    // so a person who has just started typing keeps the caret and every character.
    if (sameRecord(c, now.current)) return;
    if (now.dirtyNow()) {
      if (!quiet) setUpstreamChanged(true);
    } else {
      now.rebase(c);
      setUpstreamChanged(false);
    }
  }, []);

  /** Flex's answer now (null when it could not be read), for the live notice to compare and hand to `seen`. */
  const reread = useCallback(async (): Promise<Customer | null> => {
    const r = await fetchCustomer(id).catch(() => null);
    return r?.ok ? r.value : null;
  }, [id]);

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
    reread,
  };
}
