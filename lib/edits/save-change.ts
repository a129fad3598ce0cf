// saveChange: the one path of every write to a customer. In order: what is sent is checked by today's
// rules and against the actor's role; under the customer's lock, Flex is read (beside the look for pending
// rows a stopped server left), those rows are completed, the conflict check runs, the pending row is
// written, the PATCH sent and its outcome decided and audited; then the index and open pages hear of it.
import 'server-only';
import { canEditField } from '@/lib/auth/permissions';
import { invalid, ok, type Failure } from '@/lib/customers/action-result';
import { findConflicts } from '@/lib/customers/conflict';
import { changedFields } from '@/lib/customers/patch';
import type { SaveResult } from '@/lib/customers/save-result';
import { patchProblems } from '@/lib/customers/schema';
import { editableFields, type Customer, type CustomerFields } from '@/lib/customers/types';
import type { FlexClient } from '@/lib/flex/client';
import { flex as appFlex } from '@/lib/flex/flex';
import { keepUntilDone } from '@/lib/lifecycle';
import { log } from '@/lib/log/logger';
import { countSave } from '@/lib/metrics';
import { announceLanded } from './after-save';
import { auditConflict, auditPending, auditRefused } from './audit-change';
import type { Change } from './change';
import { withCustomerLock } from './lock';
import { landingOf } from './outcome';
import { completeOrphans, orphanedPending } from './pending';
import { failureResult, fieldErrorsOf, LOCK_BUSY, roleCannotChange } from './results';
import { sendPatch } from './send';

export type SaveOptions = {
  flex?: FlexClient;
  /**
   * A person waits on this save (the page's edit, revert, undo): answer as soon as Flex has answered and the
   * outcome is decided; the completion row, the index and the change notice follow under the customer's
   * lock (the next save of this customer waits for them; a stopping server too). The bulk worker waits.
   */
  answerEarly?: boolean;
};

export async function saveChange(change: Change, opts: SaveOptions = {}): Promise<SaveResult> {
  const r = await saveChangeUncounted(change, opts);
  countSave(r.ok ? r.value.kind : r.kind); // desk_saves_total: saved, unchanged, or the failure's kind
  return r;
}

async function saveChangeUncounted(change: Change, opts: SaveOptions): Promise<SaveResult> {
  const fields = changedFields(change.patch);
  if (fields.length === 0)
    return ok({ kind: 'unchanged', message: 'Nothing to save: no field differs from Flex.' });
  const denied = fields.filter((f) => !canEditField(change.actor.role, f));
  if (denied.length > 0) {
    const entry = await auditRefused(change, denied);
    return { ...roleCannotChange(denied), entry };
  }
  const problems = await patchProblems(change.patch);
  if (problems.length > 0) return invalid('Some fields need fixing.', fieldErrorsOf(problems));
  const flex = opts.flex ?? appFlex();
  const locked = (answer?: (r: SaveResult) => void) =>
    withCustomerLock(
      change.customerId,
      () => underLock(change, flex, answer),
      () => LOCK_BUSY,
    );
  return opts.answerEarly ? answeredEarly(locked) : locked();
}

/** The answer given first, while the work behind it goes on (kept until done by a stopping server). */
function answeredEarly(run: (answer: (r: SaveResult) => void) => Promise<SaveResult>): Promise<SaveResult> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const work = run((r) => {
      answered = true;
      resolve(r);
    });
    keepUntilDone(work);
    work.then(resolve, (e: unknown) => {
      if (!answered) return reject(e);
      // Flex has the change and the person was told; the pending row stays for the next save to complete.
      log.error({ err: e instanceof Error ? e.message : String(e) }, 'save: the audit completion failed');
    });
  });
}

async function underLock(
  change: Change,
  flex: FlexClient,
  answer?: (r: SaveResult) => void,
): Promise<SaveResult> {
  const [read, orphans] = await Promise.all([
    readCustomer(flex, change.customerId),
    orphanedPending(change.customerId),
  ]);
  if (!read.ok) return read.failure;
  const current = editableFields(read.customer);
  if (orphans.length > 0) await completeOrphans(change.customerId, orphans, current, change.request);

  // A bulk row taken up after a stop may already be in Flex: then it is done, and nothing is sent twice.
  if (
    change.origin.kind === 'bulk' &&
    change.origin.resumes &&
    landingOf(current, change.base, change.patch) === 'landed'
  )
    return ok({ kind: 'unchanged', message: 'Already in Flex: the change was applied before the stop.' });

  const conflicts = findConflicts({ ...current, ...change.base } as CustomerFields, current, change.patch);
  if (conflicts.length > 0) {
    const entry = await auditConflict(
      change,
      read.customer.test_mode,
      conflicts.map((c) => c.field),
    );
    return {
      ok: false,
      kind: 'conflict',
      message:
        'Someone changed this customer after you opened it. Choose, for each field, which value to keep.',
      conflicts,
      current: read.customer,
      entry,
    };
  }
  const testMode = read.customer.test_mode;
  const pendingId = await auditPending(change, testMode);
  const sent = await sendPatch({ change, flex, testMode, pendingId, started: performance.now() });
  if (sent.finish) answer?.(sent.result);
  try {
    await sent.finish?.();
  } finally {
    // Told even when the completion row could not be written: Flex has the change either way.
    if (sent.landed)
      await announceLanded(change.customerId, changedFields(change.patch), change.actor, pendingId);
  }
  return sent.result;
}

async function readCustomer(
  flex: FlexClient,
  id: string,
): Promise<{ ok: true; customer: Customer } | { ok: false; failure: Failure }> {
  try {
    return { ok: true, customer: await flex.getCustomer(id) };
  } catch (e) {
    return { ok: false, failure: failureResult(e) };
  }
}
