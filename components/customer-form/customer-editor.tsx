'use client';
// The customer edit page's client side: the form (react-hook-form + the shared zod schema), review,
// save through the server action, conflicts, failures, and the customer as Flex returned it.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import { FormProvider, useForm, useWatch, type FieldPath } from 'react-hook-form';
import { revertChange, saveCustomer } from '@/app/customers/[id]/actions';
import { buttonClass, primaryButtonClass } from '@/components/ui/field';
import { LockIcon } from '@/components/ui/lock-icon';
import { LiveNotice } from '@/components/live/live-notice';
import type { FieldConflict } from '@/lib/customers/conflict';
import {
  buildPatch,
  changedFields,
  PATCH_FIELDS,
  type CustomerPatch,
  type PatchField,
} from '@/lib/customers/patch';
import type { AuditEntry } from '@/lib/customers/history';
import type { KnownLabel } from '@/lib/customers/address-label';
import { displayName } from '@/lib/customers/format';
import { checkReason, NO_REASON, type ReasonInput } from '@/lib/customers/reason';
import type { SaveResult } from '@/lib/customers/save-result';
import {
  customerEditSchema,
  heldProblems,
  toFormValues,
  type CustomerFormInput,
  type Problem,
} from '@/lib/customers/schema';
import { editableFields, type Customer, type CustomerFields } from '@/lib/customers/types';
import { AddressSection } from './address-section';
import { ConflictPanel, type Choice } from './conflict-panel';
import { ContactSection } from './contact-section';
import { dirtyPaths } from './dirty';
import { FIELD_LABEL, FORM_PATH_LABEL, showValue } from './display';
import { HistoryPanel } from './history-panel';
import { MetadataEditor } from './metadata-editor';
import { customerQuery, historyQuery } from './queries';
import { ReturnedPanel, type Returned } from './returned-panel';
import type { ReasonErrors } from './reason-fields';
import { ReviewDialog, type ReviewMode } from './review-dialog';
import { useLeaveGuard } from './use-leave-guard';

export type Editable = Record<PatchField, boolean>;
type Notice = {
  tone: 'success' | 'danger' | 'warning';
  text: string;
  retry?: boolean;
  /** The saved change that "Undo" takes back, for UNDO_MS after the save. */
  undo?: AuditEntry;
} | null;
type Review = {
  mode: ReviewMode;
  original: CustomerFields;
  patch: CustomerPatch;
  fields: PatchField[];
  /** For revert and undo: the History entry taken back. */
  entry?: AuditEntry;
};

const UNDO_MS = 10_000;
export const HELD_NOTICE =
  'Flex holds a value this form would not accept now. It stays as it is unless you change it.';

export function CustomerEditor({
  initial,
  editable,
  lockReasons,
  initialHistory,
  testMode,
  reasonRequired,
  knownLabel,
}: {
  initial: Customer;
  editable: Editable;
  lockReasons: Record<PatchField, string>;
  initialHistory: AuditEntry[];
  testMode: boolean;
  reasonRequired: boolean;
  /** The loaded address's label, laid out by the server. */
  knownLabel: KnownLabel | null;
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
    // Only what will be sent is validated: the schema knows what the form was loaded with.
    resolver: (values, context, options) =>
      zodResolver(
        customerEditSchema(
          editableFields(baseRef.current),
          toFormValues(editableFields(baseRef.current), baseRef.current.phone_display),
        ),
      )(values, context, options),
    defaultValues: loaded,
    mode: 'onTouched',
  });
  // Values Flex holds that today's rules would not accept: a quiet notice while they stay unchanged.
  const [held, setHeld] = useState<Problem[]>([]);
  useEffect(() => {
    let live = true;
    void heldProblems(loaded, base.phone_valid).then((p) => live && setHeld(p));
    return () => {
      live = false;
    };
  }, [loaded, base.phone_valid]);
  const values = useWatch({ control: form.control }) as CustomerFormInput;
  const dirty = dirtyPaths(loaded, {
    ...loaded,
    ...values,
    shipping: { ...loaded.shipping, ...values.shipping },
  });
  const canEditAny = PATCH_FIELDS.some((f) => editable[f]);

  const [review, setReview] = useState<Review | null>(null);
  // The review last confirmed: its mode decides how the answer reads, and a refused reason reopens it.
  const lastReview = useRef<Review | null>(null);
  const [reason, setReason] = useState<ReasonInput>(NO_REASON);
  const [reasonErrors, setReasonErrors] = useState<ReasonErrors>({});
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
    if (!notice?.undo) return;
    const t = setTimeout(() => setNotice((n) => (n?.undo ? { ...n, undo: undefined } : n)), UNDO_MS);
    return () => clearTimeout(t);
  }, [notice?.undo]);
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
        setReasonErrors({});
        setReview({ mode: 'edit', original: editableFields(baseRef.current), patch, fields });
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
        setNotice({ tone: 'success', text: r.message, undo: undoEntry(r, reason) });
        setReason(NO_REASON);
        setReasonErrors({});
        setToast(r.recovered ? 'Saved (confirmed by reading it back)' : 'Saved');
        queryClient.setQueryData(customerQuery(id).queryKey, saved);
        void queryClient.invalidateQueries({ queryKey: historyQuery(id).queryKey });
        return;
      }
      void queryClient.invalidateQueries({ queryKey: historyQuery(id).queryKey });
      switch (r.kind) {
        case 'invalid': {
          const reasonErrs = Object.fromEntries(
            Object.entries(r.fieldErrors)
              .filter(([p]) => p.startsWith('reason.'))
              .map(([p, m]) => [p, m[0]]),
          ) as ReasonErrors;
          if (Object.keys(reasonErrs).length > 0 && lastReview.current) {
            // The reason was refused: back to the dialog, with what was typed.
            setReasonErrors(reasonErrs);
            setReview(lastReview.current);
            return;
          }
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
          if (lastReview.current && lastReview.current.mode !== 'edit') {
            // A revert never overwrites a later change: say which fields moved, send nothing.
            setNotice({
              tone: 'warning',
              text: `Not reverted: nothing was sent. ${r.conflicts
                .map(
                  (c) =>
                    `${FIELD_LABEL[c.field]} was changed after that change (it is now “${showValue(c.field, c.theirs).replace(/\n/g, ', ')}”).`,
                )
                .join(' ')}`,
            });
            queryClient.setQueryData(customerQuery(id).queryKey, r.current);
            return;
          }
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
    [form, id, queryClient, setBase, reason],
  );

  const send = useCallback(async () => {
    const current = review ?? lastReview.current;
    const checked = checkReason(reason, reasonRequired);
    if (!checked.ok) {
      setReasonErrors(checked.fieldErrors);
      return;
    }
    lastReview.current = current;
    setReview(null);
    setSaving(true);
    setNotice(null);
    try {
      const r =
        current && current.mode !== 'edit' && current.entry
          ? await revertChange({ id, auditId: current.entry.id, reason })
          : await saveCustomer({
              id,
              original: editableFields(baseRef.current),
              values: form.getValues(),
              reason,
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
  }, [applyResult, form, id, reason, reasonRequired, review]);

  /** Revert (from History) or Undo (from the saved notice): the inverse change, reviewed like any edit. */
  const openRevert = (entry: AuditEntry, mode: 'revert' | 'undo') => {
    const changes = entry.changes ?? {};
    const fields = PATCH_FIELDS.filter((f) => f in changes);
    const original = { ...editableFields(baseRef.current) } as Record<PatchField, unknown>;
    const patch: Record<string, unknown> = {};
    for (const f of fields) {
      original[f] = changes[f]?.after;
      patch[f] = changes[f]?.before;
    }
    setReasonErrors({});
    if (mode === 'undo')
      setReason({ code: entry.reasonCode ?? '', detail: 'Undo', ticket: entry.ticket ?? '' });
    setNotice(null);
    setReview({ mode, original: original as CustomerFields, patch: patch as CustomerPatch, fields, entry });
  };

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
  // Shown only while the field still holds Flex's value; once changed, the field's own checks apply.
  const heldNotice = (path: string) => {
    const top = path.split('.')[0] as PatchField;
    const changed =
      top === 'shipping' ? dirty.some((p) => p.startsWith('shipping.')) : dirty.includes(path as never);
    return !changed && held.some((h) => h.path === path) ? HELD_NOTICE : undefined;
  };
  const recipient = displayName({
    first_name: values.first_name ?? '',
    last_name: values.last_name ?? '',
    email: '',
  });

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
              {notice.undo && (
                <button
                  type="button"
                  className={buttonClass}
                  onClick={() => notice.undo && openRevert(notice.undo, 'undo')}
                  disabled={saving || dirty.length > 0}
                >
                  Undo
                </button>
              )}
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
          <LiveNotice
            customerId={id}
            shown={editableFields(base)}
            values={values}
            dirty={dirty}
            busy={saving}
            // The re-read lands in the query cache, which the editor already follows (see `cached` above).
            reread={() => queryClient.fetchQuery({ ...customerQuery(id), staleTime: 0 }).catch(() => null)}
          />
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
              notice={heldNotice}
            />
            <AddressSection
              editable={editable.shipping}
              lockReason={lockReasons.shipping}
              edited={edited}
              notice={heldNotice}
              recipient={recipient}
              knownLabel={knownLabel}
            />
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
              {heldNotice('metadata') && !errors.metadata && (
                <p className="mt-1 flex items-start gap-1 text-sm text-muted">
                  <span aria-hidden="true">ⓘ</span> {heldNotice('metadata')}
                </p>
              )}
              {!editable.metadata && (
                <p className="mt-1 flex items-center gap-1 text-sm text-muted">
                  <LockIcon /> {lockReasons.metadata}
                </p>
              )}
            </section>
          </div>
          <div className="space-y-4">
            <HistoryPanel
              customerId={id}
              initial={initialHistory}
              canRevert={(entry) =>
                PATCH_FIELDS.filter((f) => f in (entry.changes ?? {})).every((f) => editable[f])
              }
              revertBlocked={
                dirty.length > 0 ? 'Save or discard your changes first.' : saving ? 'Saving…' : null
              }
              onRevert={(entry) => openRevert(entry, 'revert')}
            />
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
        mode={review?.mode ?? 'edit'}
        original={review?.original ?? editableFields(base)}
        patch={review?.patch ?? {}}
        fields={review?.fields ?? []}
        recipient={recipient}
        knownLabel={knownLabel}
        testMode={testMode}
        reason={reason}
        reasonRequired={reasonRequired}
        reasonErrors={reasonErrors}
        onReasonChange={(r) => {
          setReason(r);
          if (Object.keys(reasonErrors).length > 0) setReasonErrors({});
        }}
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

/** The History entry of a change just saved, so "Undo" can take it back. */
function undoEntry(r: Extract<SaveResult, { ok: true }>, reason: ReasonInput): AuditEntry | undefined {
  if (!r.customer || !('auditId' in r) || r.changed.length === 0) return undefined;
  return {
    id: r.auditId,
    at: new Date().toISOString(),
    actorEmail: null,
    actorRole: null,
    action: 'customer.update',
    customerId: r.customer.customer_id,
    testMode: r.customer.test_mode,
    changes: null,
    outcome: 'success',
    upstreamStatus: null,
    upstreamRequestId: null,
    durationMs: null,
    requestId: null,
    ip: null,
    userAgent: null,
    detail: null,
    completedAt: null,
    reasonCode: reason.code || null,
    reasonDetail: reason.detail || null,
    ticket: reason.ticket || null,
    revertsId: null,
  };
}
