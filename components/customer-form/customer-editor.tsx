'use client';
// The customer edit page's client side: the form (react-hook-form + the shared zod schema), review,
// save through the server action, conflicts, failures, and the customer as Flex returned it.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import { FormProvider, useForm, useWatch, type FieldPath } from 'react-hook-form';
import { saveCustomer } from '@/app/customers/[id]/actions';
import { buttonClass, primaryButtonClass } from '@/components/ui/field';
import { LockIcon } from '@/components/ui/lock-icon';
import type { FieldConflict } from '@/lib/customers/conflict';
import {
  buildPatch,
  changedFields,
  PATCH_FIELDS,
  type CustomerPatch,
  type PatchField,
} from '@/lib/customers/patch';
import type { SaveResult } from '@/lib/customers/save-result';
import { customerFormSchema, toFormValues, type CustomerFormInput } from '@/lib/customers/schema';
import { editableFields, type Customer, type CustomerFields } from '@/lib/customers/types';
import { AddressSection } from './address-section';
import { ConflictPanel, type Choice } from './conflict-panel';
import { ContactSection } from './contact-section';
import { dirtyPaths } from './dirty';
import { FORM_PATH_LABEL } from './display';
import { MetadataEditor } from './metadata-editor';
import { customerQuery, historyQuery } from './queries';
import { ReturnedPanel, type Returned } from './returned-panel';
import { ReviewDialog } from './review-dialog';
import { useLeaveGuard } from './use-leave-guard';

export type Editable = Record<PatchField, boolean>;
type Notice = { tone: 'success' | 'danger' | 'warning'; text: string; retry?: boolean } | null;

export function CustomerEditor({
  initial,
  editable,
  lockReasons,
  history,
}: {
  initial: Customer;
  editable: Editable;
  lockReasons: Record<PatchField, string>;
  history: React.ReactNode;
}) {
  const queryClient = useQueryClient();
  const id = initial.customer_id;
  const [base, setBaseState] = useState<Customer>(initial);
  // Handlers that run right after a base change (review after a conflict) read the ref, not a stale closure.
  const baseRef = useRef<Customer>(initial);
  const setBase = useCallback((c: Customer) => {
    baseRef.current = c;
    setBaseState(c);
  }, []);
  const loaded = useMemo(() => toFormValues(editableFields(base), base.phone_display), [base]);
  const form = useForm<CustomerFormInput, unknown, CustomerFields>({
    resolver: zodResolver(customerFormSchema),
    defaultValues: loaded,
    mode: 'onTouched',
  });
  const values = useWatch({ control: form.control }) as CustomerFormInput;
  const dirty = dirtyPaths(loaded, {
    ...loaded,
    ...values,
    shipping: { ...loaded.shipping, ...values.shipping },
  });
  const canEditAny = PATCH_FIELDS.some((f) => editable[f]);

  const [review, setReview] = useState<{ patch: CustomerPatch; fields: PatchField[] } | null>(null);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<{ conflicts: FieldConflict[]; current: Customer } | null>(null);
  const [choices, setChoices] = useState<Partial<Record<string, Choice>>>({});
  const [notice, setNotice] = useState<Notice>(null);
  const [toast, setToast] = useState<string | null>(null);
  const [returned, setReturned] = useState<Returned>(null);
  const [flash, setFlash] = useState<PatchField[]>([]);
  const [upstreamChanged, setUpstreamChanged] = useState(false);
  const noticeRef = useRef<HTMLDivElement>(null);

  useLeaveGuard(dirty.length > 0);

  // The cached customer (hydrated from the server render); a refetch on focus may find it changed.
  const { data: cached } = useQuery({ ...customerQuery(id), initialData: initial });
  useEffect(() => {
    if (!cached || JSON.stringify(cached) === JSON.stringify(base)) return;
    if (dirty.length === 0) {
      // Syncing with an external store (the query cache) that changed under us.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setBase(cached);
      form.reset(toFormValues(editableFields(cached), cached.phone_display));
      setUpstreamChanged(false);
    } else {
      setUpstreamChanged(true);
    }
    // Only a new answer from Flex should trigger this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cached]);

  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => setToast(null), 6000);
    return () => clearTimeout(t);
  }, [toast]);
  useEffect(() => {
    if (flash.length === 0) return;
    const t = setTimeout(() => setFlash([]), 4000);
    return () => clearTimeout(t);
  }, [flash]);

  const openReview = () =>
    form.handleSubmit(
      (parsed) => {
        const patch = buildPatch(editableFields(baseRef.current), parsed);
        const fields = changedFields(patch);
        if (fields.length === 0) {
          setNotice({ tone: 'warning', text: 'Nothing to save: every field is the same as in Flex.' });
          return;
        }
        setNotice(null);
        setReview({ patch, fields });
      },
      () => setNotice({ tone: 'danger', text: 'Some fields need fixing before saving.' }),
    )();

  const applyResult = useCallback(
    (r: SaveResult | { ok: false; kind: 'unauthenticated' | 'forbidden'; message: string }) => {
      if (r.ok) {
        if (!r.customer) {
          setNotice({ tone: 'warning', text: r.message });
          return;
        }
        const saved = r.customer;
        setBase(saved);
        form.reset(toFormValues(editableFields(saved), saved.phone_display));
        setReturned({
          customer: saved,
          changed: r.changed,
          differences: r.differences,
          at: new Date().toISOString(),
        });
        setFlash(r.changed);
        setConflict(null);
        setUpstreamChanged(false);
        setNotice({ tone: 'success', text: r.message });
        setToast(r.recovered ? 'Saved (confirmed by reading it back)' : 'Saved');
        queryClient.setQueryData(customerQuery(id).queryKey, saved);
        void queryClient.invalidateQueries({ queryKey: historyQuery(id).queryKey });
        return;
      }
      void queryClient.invalidateQueries({ queryKey: historyQuery(id).queryKey });
      switch (r.kind) {
        case 'invalid': {
          const entries = Object.entries(r.fieldErrors);
          for (const [path, messages] of entries) {
            if (path === 'form') continue;
            form.setError(path as FieldPath<CustomerFormInput>, { type: 'server', message: messages[0] });
          }
          const formLevel = r.fieldErrors.form?.[0];
          setNotice({
            tone: 'danger',
            text: formLevel ? `Flex did not accept the change: ${formLevel}` : r.message,
          });
          const first = entries.find(([p]) => p !== 'form');
          if (first) form.setFocus(first[0] as FieldPath<CustomerFormInput>);
          return;
        }
        case 'conflict':
          setConflict({ conflicts: r.conflicts, current: r.current });
          setChoices({});
          setNotice({ tone: 'warning', text: r.message });
          return;
        case 'upstream':
          setNotice({ tone: 'danger', text: r.message, retry: r.canRetry });
          return;
        default:
          setNotice({ tone: 'danger', text: r.message });
      }
    },
    [form, id, queryClient, setBase],
  );

  const send = useCallback(async () => {
    setReview(null);
    setSaving(true);
    setNotice(null);
    try {
      const r = await saveCustomer({
        id,
        original: editableFields(baseRef.current),
        values: form.getValues(),
      });
      applyResult(r);
    } catch {
      setNotice({
        tone: 'danger',
        text: 'The Customer Desk server could not be reached. Your edits are still here; try again.',
        retry: true,
      });
    } finally {
      setSaving(false);
      noticeRef.current?.focus();
    }
  }, [applyResult, form, id]);

  // Ctrl/Cmd+S saves (opens the review).
  const onSaveShortcut = useEffectEvent(() => {
    if (canEditAny && dirty.length > 0 && !saving && !review) void openReview();
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        onSaveShortcut();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const applyChoices = () => {
    if (!conflict) return;
    const current = conflict.current;
    const mine = form.getValues();
    const opened = toFormValues(editableFields(baseRef.current), baseRef.current.phone_display);
    const theirs = toFormValues(editableFields(current), current.phone_display);
    const next: CustomerFormInput = { ...theirs };
    // Conflicting fields follow the person's choice; other fields keep what they edited, and take the
    // new Flex value where they edited nothing.
    const edits = new Set(dirtyPaths(opened, mine).map((p) => p.split('.')[0]));
    for (const f of PATCH_FIELDS) {
      const choice = choices[f];
      const keepMine = choice ? choice === 'mine' : edits.has(f);
      (next as Record<string, unknown>)[f] = keepMine ? mine[f] : theirs[f];
    }
    setBase(current);
    queryClient.setQueryData(customerQuery(id).queryKey, current);
    form.reset(next, { keepDefaultValues: true });
    setConflict(null);
    setNotice(null);
    setUpstreamChanged(false);
    void openReview();
  };

  const errors = form.formState.errors;
  const errorPaths = [
    ...(['first_name', 'last_name', 'email', 'phone', 'employer', 'metadata'] as const).filter(
      (p) => errors[p],
    ),
    ...(['country', 'line1', 'line2', 'city', 'state', 'postal_code'] as const)
      .filter((p) => errors.shipping?.[p])
      .map((p) => `shipping.${p}`),
  ];
  const edited = (path: string) =>
    dirty.includes(path as never) || flash.includes(path.split('.')[0] as PatchField);

  return (
    <FormProvider {...form}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void openReview();
        }}
        aria-label="Edit customer"
        className="pb-24"
      >
        <div ref={noticeRef} tabIndex={-1} aria-live="polite" className="mb-3 outline-none">
          {errorPaths.length > 0 && (
            <div role="alert" className="mb-2 rounded border border-danger bg-danger-soft p-3 text-danger">
              <p className="font-semibold">
                {errorPaths.length} {errorPaths.length === 1 ? 'problem' : 'problems'}:{' '}
                {errorPaths.map((p, i) => (
                  <span key={p}>
                    {i > 0 && ', '}
                    <a
                      href={`#field-${p}`}
                      className="underline"
                      onClick={(e) => {
                        e.preventDefault();
                        form.setFocus(p as FieldPath<CustomerFormInput>);
                      }}
                    >
                      {FORM_PATH_LABEL[p] ?? p}
                    </a>
                  </span>
                ))}
              </p>
            </div>
          )}
          {notice && (
            <div
              role={notice.tone === 'danger' ? 'alert' : 'status'}
              className={`flex flex-wrap items-center gap-3 rounded border p-3 ${notice.tone === 'success' ? 'border-success bg-success-soft text-success' : notice.tone === 'warning' ? 'border-warning bg-warning-soft text-warning' : 'border-danger bg-danger-soft text-danger'}`}
            >
              <span>{notice.text}</span>
              {notice.retry && (
                <button type="button" className={buttonClass} onClick={() => void send()} disabled={saving}>
                  Try again
                </button>
              )}
            </div>
          )}
          {upstreamChanged && (
            <div
              role="status"
              className="mt-2 rounded border border-warning bg-warning-soft p-3 text-warning"
            >
              This customer was changed in Flex since you opened it. Your edits are kept; when you save, you
              will choose for each changed field which value to keep.
            </div>
          )}
        </div>

        {conflict && (
          <div className="mb-4">
            <ConflictPanel
              conflicts={conflict.conflicts}
              choices={choices}
              onChoose={(f, c) => setChoices((s) => ({ ...s, [f]: c }))}
              onApply={applyChoices}
            />
          </div>
        )}

        <div className="grid gap-4 lg:grid-cols-2">
          <div className="space-y-4">
            <ContactSection
              editable={editable.first_name}
              lockReason={lockReasons.first_name}
              edited={edited}
            />
            <AddressSection editable={editable.shipping} lockReason={lockReasons.shipping} edited={edited} />
            <section className="rounded border border-line p-4" aria-label="Metadata section">
              <MetadataEditor
                value={values.metadata ?? loaded.metadata}
                onChange={(t) =>
                  form.setValue('metadata', t, {
                    shouldDirty: true,
                    shouldValidate: form.formState.isSubmitted,
                  })
                }
                error={errors.metadata?.message}
                edited={edited('metadata')}
                readOnly={!editable.metadata}
              />
              {!editable.metadata && (
                <p className="mt-1 flex items-center gap-1 text-sm text-muted">
                  <LockIcon /> {lockReasons.metadata}
                </p>
              )}
            </section>
          </div>
          <div className="space-y-4">
            {history}
            <ReturnedPanel returned={returned} fallback={base} />
          </div>
        </div>

        {canEditAny && (
          <div
            className={`${dirty.length > 0 ? 'fixed' : 'static mt-4'} inset-x-0 bottom-0 z-10 border-t border-line bg-surface`}
          >
            <div className="mx-auto flex max-w-6xl items-center gap-3 px-4 py-3">
              <span aria-live="polite" className="text-sm">
                {dirty.length === 0
                  ? 'No unsaved changes'
                  : `${dirty.length} unsaved ${dirty.length === 1 ? 'change' : 'changes'}`}
              </span>
              <button
                type="button"
                className={`${buttonClass} ml-auto`}
                disabled={dirty.length === 0 || saving}
                onClick={() => {
                  form.reset(loaded);
                  setNotice(null);
                  setConflict(null);
                }}
              >
                Discard
              </button>
              <button
                type="submit"
                className={primaryButtonClass}
                disabled={dirty.length === 0 || saving}
                aria-keyshortcuts="Control+S Meta+S"
              >
                {saving ? 'Saving…' : 'Save changes'}
                {!saving && (
                  <kbd aria-hidden="true" className="ml-1 text-xs opacity-80">
                    Ctrl S
                  </kbd>
                )}
              </button>
            </div>
          </div>
        )}
      </form>

      <ReviewDialog
        open={review !== null}
        original={editableFields(base)}
        patch={review?.patch ?? {}}
        fields={review?.fields ?? []}
        onConfirm={() => void send()}
        onClose={() => setReview(null)}
      />

      {toast && (
        <div
          role="status"
          className="fixed right-4 bottom-20 z-20 rounded bg-success px-4 py-2 font-semibold text-canvas shadow-lg"
        >
          {toast}
        </div>
      )}
    </FormProvider>
  );
}
