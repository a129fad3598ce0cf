'use client';
// The address label preview: the address laid out by the country's postal conventions, as a carrier
// prints it. The formatter (~60 KB) is loaded when a preview first comes into view, so it stays out of the
// page's first-load JavaScript.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { labelLines, loadAddressFormatter } from '@/lib/customers/address-label';
import type { Address } from '@/lib/customers/types';

type Formatter = Awaited<ReturnType<typeof loadAddressFormatter>>;

function useAddressFormatter(target: RefObject<Element | null>): Formatter | null {
  const [formatter, setFormatter] = useState<Formatter | null>(null);
  useEffect(() => {
    const el = target.current;
    if (!el) return;
    let live = true;
    const load = () =>
      loadAddressFormatter().then(
        (f) => live && setFormatter(f),
        () => undefined, // No preview is better than a broken page; the fields still say everything.
      );
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        seen.disconnect();
        void load();
      }
    });
    seen.observe(el);
    return () => {
      live = false;
      seen.disconnect();
    };
  }, [target]);
  return formatter;
}

export function AddressLabel({
  recipient,
  address,
  title,
  className = '',
}: {
  recipient: string;
  address: Address | null;
  title: string;
  className?: string;
}) {
  const ref = useRef<HTMLElement>(null);
  const formatter = useAddressFormatter(ref);
  const lines = address && formatter ? labelLines(formatter, recipient, address) : null;
  return (
    <figure ref={ref} className={`rounded border border-dashed border-line bg-surface p-3 ${className}`}>
      <figcaption className="mb-1 text-sm font-medium text-muted">{title}</figcaption>
      {!address || (lines && lines.length === 0) ? (
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
