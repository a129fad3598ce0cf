'use client';
// "Review changes": each change as field, before → after (an address also as its label), and why the
// change is made. Enter (or the button) saves; Esc goes back. Used for edits, reverts and undo alike.
import { useCallback, useRef } from 'react';
import type { CustomerPatch, PatchField } from '@/lib/customers/patch';
import type { ReasonInput } from '@/lib/customers/reason';
import type { Address, CustomerFields } from '@/lib/customers/types';
import { Dialog } from '@/components/ui/dialog';
import { buttonClass, dangerButtonClass, primaryButtonClass } from '@/components/ui/field';
import { Row, Table, THead } from '@/components/ui/table';
import type { KnownLabel } from '@/lib/customers/address-label';
import { AddressLabel } from './address-label';
import { FIELD_LABEL, showValue } from './display';
import { ReasonFields, type ReasonErrors } from './reason-fields';

export type ReviewMode = 'edit' | 'revert' | 'undo';

const TITLE: Record<ReviewMode, string> = {
  edit: 'Review changes',
  revert: 'Revert this change',
  undo: 'Undo your change',
};

export function ReviewDialog({
  open,
  mode,
  original,
  patch,
  fields,
  recipient,
  knownLabel,
  testMode,
  reason,
  reasonRequired,
  reasonErrors,
  onReasonChange,
  onConfirm,
  onClose,
}: {
  open: boolean;
  mode: ReviewMode;
  original: CustomerFields;
  patch: CustomerPatch;
  fields: PatchField[];
  recipient: string;
  knownLabel: KnownLabel | null;
  testMode: boolean;
  reason: ReasonInput;
  reasonRequired: boolean;
  reasonErrors: ReasonErrors;
  onReasonChange: (r: ReasonInput) => void;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  // Where a reason is still needed, start there; otherwise Enter saves at once.
  const onOpen = useCallback(
    (d: HTMLDialogElement) => {
      const first = d.querySelector<HTMLSelectElement>('#reason-code');
      if (reasonRequired && first && first.value === '') first.focus();
      else confirmRef.current?.focus();
    },
    [reasonRequired],
  );

  const title = `${TITLE[mode]}${testMode ? '' : ' in LIVE Flex'}`;
  return (
    <Dialog open={open} labelledBy="review-title" onClose={onClose} onOpen={onOpen}>
      <form
        method="dialog"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm();
        }}
        className="p-5"
      >
        <h2 id="review-title" className="mb-3 flex items-center gap-2 text-lg font-semibold">
          {!testMode && open && (
            <span
              aria-hidden="true"
              className="rounded bg-danger px-1.5 py-0.5 text-xs font-bold tracking-wide text-canvas"
            >
              LIVE
            </span>
          )}
          {title}
        </h2>
        <p className="mb-3 text-sm text-muted">
          {fields.length} {fields.length === 1 ? 'field' : 'fields'} will be sent to{' '}
          {testMode ? 'Flex (test mode)' : 'live Flex: real customer data'}. Nothing else changes.
          {mode !== 'edit' && ' Each field goes back to its value before that change.'}
        </p>
        <Table>
          <THead>
            <tr>
              <th className="w-40 py-1">Field</th>
              <th>Before</th>
              <th aria-hidden="true" />
              <th>After</th>
            </tr>
          </THead>
          <tbody>
            {fields.map((f) => (
              <Row key={f}>
                <th scope="row" className="py-2 font-medium">
                  {FIELD_LABEL[f]}
                </th>
                {f === 'shipping' ? (
                  <>
                    <td className="py-2">
                      <AddressLabel
                        recipient={recipient}
                        address={(original.shipping as Address | null) ?? null}
                        title="Label before"
                        known={knownLabel}
                      />
                    </td>
                    <td className="px-2 py-2" aria-hidden="true">
                      →
                    </td>
                    <td className="py-2">
                      <AddressLabel
                        recipient={recipient}
                        address={(patch.shipping as Address | null | undefined) ?? null}
                        title="Label after"
                      />
                    </td>
                  </>
                ) : (
                  <>
                    <td className="py-2 break-words whitespace-pre-wrap text-muted">
                      {showValue(f, original[f])}
                    </td>
                    <td className="px-2 py-2" aria-hidden="true">
                      →
                    </td>
                    <td className="py-2 font-medium break-words whitespace-pre-wrap">
                      {showValue(f, patch[f])}
                    </td>
                  </>
                )}
              </Row>
            ))}
          </tbody>
        </Table>
        <fieldset className="mt-4 border-t border-line pt-3">
          <legend className="sr-only">Why</legend>
          <ReasonFields
            value={reason}
            onChange={onReasonChange}
            errors={reasonErrors}
            required={reasonRequired}
          />
        </fieldset>
        <div className="mt-5 flex justify-end gap-2">
          <button type="button" onClick={onClose} className={buttonClass}>
            {mode === 'edit' ? 'Back to editing' : 'Cancel'}
          </button>
          <button
            ref={confirmRef}
            type="submit"
            className={testMode ? primaryButtonClass : dangerButtonClass}
          >
            {testMode ? (mode === 'edit' ? 'Save to Flex' : 'Revert in Flex') : 'Save to live Flex'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
