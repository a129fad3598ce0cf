'use client';
// ↑/↓ or j/k move between the row links of a table body; Enter follows the focused link (native).
import { useRef, type KeyboardEvent } from 'react';

export function useRowKeys() {
  const body = useRef<HTMLTableSectionElement>(null);
  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    const links = Array.from(body.current?.querySelectorAll<HTMLAnchorElement>('a[data-row]') ?? []);
    const i = links.indexOf(document.activeElement as HTMLAnchorElement);
    const move = (d: number) => {
      e.preventDefault();
      links[Math.max(0, Math.min(links.length - 1, i + d))]?.focus();
    };
    if (e.key === 'ArrowDown' || e.key === 'j') move(1);
    if (e.key === 'ArrowUp' || e.key === 'k') move(-1);
  };
  return { ref: body, onKeyDown };
}
