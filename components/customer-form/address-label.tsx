'use client';
// The address label preview: the address laid out by the country's postal conventions, as a carrier
// prints it. The server lays out the customer's address as loaded (`known`); the formatter itself (~60 KB)
// is fetched only when a label must be made in the browser (the person edits the address, or a label other
// than the known one comes into view), so it stays out of the page's first-load JavaScript.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { labelLines, loadAddressFormatter, type KnownLabel } from '@/lib/customers/address-label';
import { sameAddress } from '@/lib/customers/patch';
import type { Address } from '@/lib/customers/types';

type Formatter = Awaited<ReturnType<typeof loadAddressFormatter>>;

function useAddressFormatter(
  target: RefObject<Element | null>,
  eager: boolean,
  needed: boolean,
): Formatter | null {
  const [formatter, setFormatter] = useState<Formatter | null>(null);
  useEffect(() => {
    const el = target.current;
    if (!el || formatter || !needed) return;
    let live = true;
    const load = () =>
      loadAddressFormatter().then(
        (f) => live && setFormatter(f),
        () => undefined, // No preview is better than a broken page; the fields still say everything.
      );
    if (eager) {
      void load();
      return () => {
        live = false;
      };
    }
    const seen = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          seen.disconnect();
          void load();
        }
      },
      { rootMargin: '200px' },
    );
    seen.observe(el);
    return () => {
      live = false;
      seen.disconnect();
    };
  }, [target, eager, formatter, needed]);
  return formatter;
}

export function AddressLabel({
  recipient,
  address,
  title,
  className = '',
  eager = false,
  known,
}: {
  recipient: string;
  address: Address | null;
  title: string;
  className?: string;
  /** Load the formatter now (the person is editing the address), not only once the preview is in view. */
  eager?: boolean;
  /** A label the server already laid out: shown while it is the one asked for. */
  known?: KnownLabel | null;
}) {
  const ref = useRef<HTMLElement>(null);
  const matches = !!known && known.recipient === recipient && sameAddress(known.address, address);
  // No address, or the one the server laid out: the formatter is not needed (nor fetched) until one is typed.
  const typed = !!address && Object.values(address).some((v) => v.trim() !== '');
  const formatter = useAddressFormatter(ref, eager, typed && !matches);
  const lines =
    address && formatter ? labelLines(formatter, recipient, address) : matches ? known.lines : null;
  return (
    <figure ref={ref} className={`rounded border border-dashed border-line bg-surface p-3 ${className}`}>
      <figcaption className="mb-1 text-sm font-medium text-muted">{title}</figcaption>
      {!typed || (lines && lines.length === 0) ? (
        <p className="text-sm text-muted">No address</p>
      ) : lines ? (
        <p aria-label={title} className="font-mono text-sm leading-snug whitespace-pre-line">
          {lines.join('\n')}
        </p>
      ) : (
        <p className="text-sm text-muted">Formatting…</p>
      )}
    </figure>
  );
}
