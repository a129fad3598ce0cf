'use client';
// "Review changes": each change as field, before → after. Enter (or the button) saves; Esc goes back.
import { useEffect, useRef } from 'react';
import type { CustomerPatch, PatchField } from '@/lib/customers/patch';
import type { CustomerFields } from '@/lib/customers/types';
import { buttonClass, primaryButtonClass } from '@/components/ui/field';
import { FIELD_LABEL, showValue } from './display';

export function ReviewDialog({
  open,
  original,
  patch,
  fields,
  onConfirm,
  onClose,
}: {
  open: boolean;
  original: CustomerFields;
  patch: CustomerPatch;
  fields: PatchField[];
  onConfirm: () => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      confirmRef.current?.focus();
    }
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby="review-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className="m-auto w-[min(48rem,95vw)] rounded-lg border border-line bg-canvas p-0 text-ink shadow-xl backdrop:bg-black/40"
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm();
        }}
        className="p-5"
      >
        <h2 id="review-title" className="mb-3 text-lg font-semibold">
          Review changes
        </h2>
        <p className="mb-3 text-sm text-muted">
          {fields.length} {fields.length === 1 ? 'field' : 'fields'} will be sent to Flex. Nothing else
          changes.
        </p>
        <table className="w-full text-left text-sm">
          <thead className="text-muted">
            <tr>
              <th className="w-40 py-1">Field</th>
              <th>Before</th>
              <th aria-hidden="true" />
              <th>After</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr key={f} className="border-t border-line align-top">
                <th scope="row" className="py-2 font-medium">
                  {FIELD_LABEL[f]}
                </th>
                <td className="py-2 break-words whitespace-pre-wrap text-muted">
                  {showValue(f, original[f])}
                </td>
                <td className="px-2 py-2" aria-hidden="true">
                  →
                </td>
                <td className="py-2 font-medium break-words whitespace-pre-wrap">{showValue(f, patch[f])}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="mt-5 flex justify-end gap-2">
          <button type="button" onClick={onClose} className={buttonClass}>
            Back to editing
          </button>
          <button ref={confirmRef} type="submit" className={primaryButtonClass}>
            Save to Flex
          </button>
        </div>
      </form>
    </dialog>
  );
}
