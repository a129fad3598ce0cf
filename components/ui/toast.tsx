'use client';
// A short confirmation in the corner that goes by itself; the lasting message is in the page.
import { useEffect } from 'react';

export function Toast({ text, onDone, ms = 6000 }: { text: string | null; onDone: () => void; ms?: number }) {
  useEffect(() => {
    if (!text) return;
    const t = setTimeout(onDone, ms);
    return () => clearTimeout(t);
  }, [text, onDone, ms]);
  if (!text) return null;
  return (
    <div
      role="status"
      className="fixed right-4 bottom-20 z-20 rounded bg-success px-4 py-2 font-semibold text-canvas shadow-lg"
    >
      {text}
    </div>
  );
}
