'use client';
// The customer edit page's client side: the form, its notices, the review, and History beside it. The
// save flow (review, save, revert, undo, conflicts) is useSaveFlow; keeping in step with Flex is
// useUpstreamSync; the form itself is useEditForm.
import { useCallback, useRef, type ReactNode } from 'react';
import { FormProvider, type FieldPath } from 'react-hook-form';
import { lazyPart } from '@/components/ui/lazy-part';
import { Toast } from '@/components/ui/toast';
import type { KnownLabel } from '@/lib/customers/address-label';
import type { CustomerFormInput } from '@/lib/customers/form-values';
import { displayName } from '@/lib/customers/format';
import { PATCH_FIELDS, type PatchField } from '@/lib/customers/patch';
import { editableFields, type Customer } from '@/lib/customers/types';
import { AddressSection } from './address-section';
import { ContactSection } from './contact-section';
import { HistoryPanel } from './history-panel';
import { MetadataSection } from './metadata-section';
import { EditNotices, ErrorSummary, LiveNotice, ReturnedPanel } from './late-parts';
import { SaveBar } from './save-bar';
import { useEditForm } from './use-edit-form';
import { useLeaveGuard } from './use-leave-guard';
import { useSaveFlow } from './use-save-flow';
import { useUpstreamSync } from './use-upstream-sync';
import { useHistory } from './use-history';
import { mergeChoices } from './merge-choices';
import { useLegacyProblems } from './use-legacy-problems';
import { useSaveShortcut } from './use-save-shortcut';

// Loaded when first needed: the review once there is something to review, the conflict view on a conflict.
const ReviewDialog = lazyPart(() => import('./review-dialog').then((m) => m.ReviewDialog));
const ConflictPanel = lazyPart(() => import('./conflict-panel').then((m) => m.ConflictPanel));

export type Editable = Record<PatchField, boolean>;

export function CustomerEditor(props: {
  initial: Customer;
  editable: Editable;
  lockReasons: Record<PatchField, string>;
  /** History's entries as the server rendered them (HistoryItems), and how many. */
  historyView: ReactNode;
  historyCount: number;
  testMode: boolean;
  reasonRequired: boolean;
  /** The loaded address's label, laid out by the server. */
  knownLabel: KnownLabel | null;
  /** When the server read the customer from Flex: the live notice asks for any change after it. */
  readAt: string;
}) {
  const { initial, editable, lockReasons, testMode, reasonRequired, knownLabel } = props;
  const id = initial.customer_id;
  const { form, base, baseRef, loaded, values, dirty, dirtyNow, rebase } = useEditForm(initial);
  const history = useHistory();
  const sync = useUpstreamSync({ id, current: base, dirtyNow, rebase });
  const noticeRef = useRef<HTMLDivElement>(null);
  const focusNotices = useCallback(() => noticeRef.current?.focus(), []);
  const deps = { id, form, baseRef, reasonRequired, focusNotices };
  const flow = useSaveFlow({ ...deps, rebase: sync.adopt, seen: sync.seen, onHistory: history.add });
  const { state, dispatch } = flow;
  const canEditAny = PATCH_FIELDS.some((f) => editable[f]);
  useLeaveGuard(dirty.length > 0);
  const legacyNotice = useLegacyProblems(loaded, base.phone_valid, dirty);
  useSaveShortcut(() => {
    if (canEditAny && dirty.length > 0 && !state.saving && !state.review) void flow.openReview();
  });
  const applyChoices = () => {
    if (!state.conflict) return;
    const next = mergeChoices(form.getValues(), baseRef.current, state.conflict.current, state.choices);
    rebase(state.conflict.current, next);
    sync.clearUpstream();
    dispatch({ type: 'conflict-done' });
    void flow.openReview();
  };
  const edited = (path: string) =>
    dirty.includes(path as never) || state.flash.includes(path.split('.')[0] as PatchField);
  const recipient = displayName({
    first_name: values.first_name ?? '',
    last_name: values.last_name ?? '',
    email: '',
  });
  const review = state.review;

  return (
    <FormProvider {...form}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void flow.openReview();
        }}
        aria-label="Edit customer"
        className="pb-24"
      >
        <div ref={noticeRef} tabIndex={-1} aria-live="polite" className="mb-3 outline-none">
          <ErrorSummary
            errors={form.formState.errors}
            onFocus={(p) => form.setFocus(p as FieldPath<CustomerFormInput>)}
          />
          <EditNotices
            notice={state.notice}
            upstreamChanged={sync.upstreamChanged}
            canUndo={!state.saving && dirty.length === 0}
            canRetry={!state.saving}
            onUndo={() => state.notice?.undo && flow.openRevert(state.notice.undo, 'undo')}
            onRetry={() => void flow.send()}
          />
          <LiveNotice
            customerId={id}
            since={props.readAt}
            shown={editableFields(base)}
            values={values}
            dirty={dirty}
            busy={state.saving}
            reread={sync.reread}
            onSeen={(c) => sync.seen(c, true)}
            savedHere={history.mine}
          />
        </div>
        {state.conflict && (
          <div className="mb-4">
            <ConflictPanel
              conflicts={state.conflict.conflicts}
              choices={state.choices}
              onChoose={(field, choice) => dispatch({ type: 'choose', field, choice })}
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
              notice={legacyNotice}
            />
            <AddressSection
              editable={editable.shipping}
              lockReason={lockReasons.shipping}
              edited={edited}
              notice={legacyNotice}
              recipient={recipient}
              knownLabel={knownLabel}
            />
            <MetadataSection
              editable={editable.metadata}
              lockReason={lockReasons.metadata}
              edited={edited('metadata')}
              notice={legacyNotice('metadata')}
            />
          </div>
          <div className="space-y-4">
            <HistoryPanel
              serverView={props.historyView}
              serverCount={props.historyCount}
              added={history.added}
              actions={{
                canRevert: (entry) =>
                  PATCH_FIELDS.filter((f) => f in (entry.changes ?? {})).every((f) => editable[f]),
                blocked:
                  dirty.length > 0 ? 'Save or discard your changes first.' : state.saving ? 'Saving…' : null,
                onRevert: (entry) => flow.openRevert(entry, 'revert'),
              }}
            />
            <ReturnedPanel returned={state.returned} fallback={base} />
          </div>
        </div>
        {canEditAny && (
          <SaveBar
            dirtyCount={dirty.length}
            saving={state.saving}
            onDiscard={() => {
              form.reset(loaded);
              dispatch({ type: 'conflict-done' });
            }}
          />
        )}
      </form>
      {(review || dirty.length > 0 || state.lastReview) && (
        <ReviewDialog
          open={review !== null}
          mode={review?.mode ?? 'edit'}
          original={review?.original ?? editableFields(base)}
          patch={review?.patch ?? {}}
          fields={review?.fields ?? []}
          recipient={recipient}
          knownLabel={knownLabel}
          testMode={testMode}
          reason={state.reason}
          reasonRequired={reasonRequired}
          reasonErrors={state.reasonErrors}
          onReasonChange={(reason) => dispatch({ type: 'reason', reason })}
          onConfirm={() => void flow.send()}
          onClose={() => dispatch({ type: 'close-review' })}
        />
      )}
      <Toast text={state.toast} onDone={() => dispatch({ type: 'expire', what: 'toast' })} />
    </FormProvider>
  );
}
