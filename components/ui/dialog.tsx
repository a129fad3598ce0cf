'use client';
// A modal on the native <dialog>: focus is trapped and Esc closes by the browser's own rules. `onOpen`
// picks where focus starts.
import { useEffect, useRef, type ReactNode } from 'react';

export function Dialog({
  open,
  labelledBy,
  onClose,
  onOpen,
  className = 'w-[min(52rem,95vw)]',
  children,
}: {
  open: boolean;
  labelledBy: string;
  onClose: () => void;
  onOpen?: (dialog: HTMLDialogElement) => void;
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      onOpen?.(d);
    }
    if (!open && d.open) d.close();
  }, [open, onOpen]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className={`m-auto rounded-lg border border-line bg-canvas p-0 text-ink shadow-xl backdrop:bg-black/40 ${className}`}
    >
      {children}
    </dialog>
  );
}
