'use client';
// The streamed name search: matches appear as the server finds them, with the scope said plainly.
import { useEffect, useState } from 'react';
import type { Customer } from '@/lib/customers/types';
import { CustomerTable } from './customer-table';

type State = {
  matches: Customer[];
  scanned: number;
  done: null | { complete: boolean; reason: string };
  error: string | null;
};

export function NameSearch({ text }: { text: string }) {
  const [s, setS] = useState<State>({ matches: [], scanned: 0, done: null, error: null });

  useEffect(() => {
    const abort = new AbortController();
    void (async () => {
      try {
        const res = await fetch(`/search?q=${encodeURIComponent(text)}`, {
          signal: abort.signal,
          cache: 'no-store',
        });
        if (!res.ok || !res.body) {
          setS((x) => ({
            ...x,
            error:
              res.status === 401 ? 'Your session has ended. Sign in again.' : 'The search failed. Try again.',
          }));
          return;
        }
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          const lines = buffer.split('\n');
          buffer = lines.pop() ?? '';
          const events = lines.filter(Boolean).map(
            (l) =>
              JSON.parse(l) as {
                type: string;
                customer?: Customer;
                scanned?: number;
                complete?: boolean;
                reason?: string;
                message?: string;
              },
          );
          setS((x) => {
            let next = { ...x };
            for (const e of events) {
              if (e.type === 'match' && e.customer)
                next = { ...next, matches: [...next.matches, e.customer] };
              if (e.type === 'progress') next = { ...next, scanned: e.scanned ?? next.scanned };
              if (e.type === 'done')
                next = {
                  ...next,
                  scanned: e.scanned ?? next.scanned,
                  done: { complete: !!e.complete, reason: e.reason ?? '' },
                };
              if (e.type === 'error') next = { ...next, error: e.message ?? 'The search failed.' };
            }
            return next;
          });
        }
      } catch (e) {
        if (!abort.signal.aborted)
          setS((x) => ({
            ...x,
            error: e instanceof Error && e.name === 'AbortError' ? x.error : 'The search failed. Try again.',
          }));
      }
    })();
    return () => abort.abort();
  }, [text]);

  const scope = s.done?.complete
    ? `all ${s.scanned.toLocaleString('en')} customers`
    : `the newest ${s.scanned.toLocaleString('en')} customers`;
  const n = s.matches.length;
  return (
    <section aria-labelledby="results-title" aria-busy={!s.done}>
      <h1 id="results-title" className="mb-2 text-xl font-semibold">
        Customers matching “{text}”
      </h1>
      {!s.done && !s.error && (
        <div className="mb-2 h-0.5 w-full animate-pulse bg-accent" aria-hidden="true" />
      )}
      <p role="status" aria-live="polite" className="mb-2 text-sm text-muted">
        {s.error
          ? ''
          : s.done
            ? n === 0
              ? `No customers match “${text}”: searched ${scope}.`
              : `${n} ${n === 1 ? 'match' : 'matches'}: searched ${scope}.${s.done.complete ? '' : ' Older customers were not searched; try their email or id.'}`
            : `${n} ${n === 1 ? 'match' : 'matches'} in the newest ${s.scanned.toLocaleString('en')} customers…`}
      </p>
      {s.error && (
        <p role="alert" className="rounded border border-danger bg-danger-soft p-3 text-danger">
          {s.error}
        </p>
      )}
      {n > 0 && <CustomerTable customers={s.matches} caption={`Customers matching ${text}`} />}
    </section>
  );
}
