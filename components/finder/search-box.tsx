'use client';
// The one search box (top bar and home page): "/" focuses it from anywhere; an id goes straight to the
// customer; anything else is searched in the customer index (lib/search).
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { parseSearch } from '@/lib/search/query';

export function SearchBox({ large = false, hideOnHome = false }: { large?: boolean; hideOnHome?: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const ref = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(pathname === '/' ? (params.get('q') ?? '') : '');
  const [hint, setHint] = useState<string | null>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return;
      e.preventDefault();
      ref.current?.focus();
      ref.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (hideOnHome && pathname === '/') return null;

  return (
    <form
      role="search"
      className={large ? 'w-full' : 'w-full max-w-sm'}
      onSubmit={(e) => {
        e.preventDefault();
        const q = parseSearch(value);
        if (q.kind === 'bad_id') {
          setHint('That is not a customer id: ids are fcus_ followed by 26 letters and digits.');
          return;
        }
        setHint(null);
        if (q.kind === 'id') router.push(`/customers/${q.id}`);
        else router.push(q.kind === 'empty' ? '/' : `/?q=${encodeURIComponent(value.trim())}`);
      }}
    >
      <label
        htmlFor={large ? 'search-main' : 'search-top'}
        className={large ? 'mb-1 block font-semibold' : 'sr-only'}
      >
        Search customers
      </label>
      <input
        ref={ref}
        id={large ? 'search-main' : 'search-top'}
        type="search"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder={
          large
            ? 'Name, email, phone, postal code, order number or id (fcus_…)   Press / to search from anywhere'
            : 'Search customers ( / )'
        }
        aria-describedby={hint ? 'search-hint' : undefined}
        autoComplete="off"
        spellCheck={false}
        className={`w-full rounded border border-line bg-canvas ${large ? 'px-4 py-3 text-lg' : 'px-3 py-1'}`}
      />
      {hint && (
        <p id="search-hint" role="alert" className="mt-1 text-sm text-danger">
          {hint}
        </p>
      )}
    </form>
  );
}
