// The PATCH of a change already checked and audited as pending, and what its answer means: landed (with
// what Flex stored), refused, not sent, or unclear until the customer is read again.
import 'server-only';
import { ok, type Failure } from '@/lib/customers/action-result';
import { postSaveDifferences } from '@/lib/customers/conflict';
import { changedFields } from '@/lib/customers/patch';
import type { SaveResult } from '@/lib/customers/save-result';
import { editableFields, type Customer } from '@/lib/customers/types';
import type { FlexClient, UpstreamMeta } from '@/lib/flex/client';
import { FlexError } from '@/lib/flex/errors';
import { auditCompletion, historyEntry, type Completion } from './audit-change';
import { indexLanded } from './after-save';
import type { Change } from './change';
import { failureSays, landingOf, verdictAfterReread, type Landing } from './outcome';
import { failureResult, flexRefusedValue, notLandedResult, savedMessage } from './results';

export type Pending = {
  change: Change;
  flex: FlexClient;
  testMode: boolean;
  pendingId: number;
  started: number;
};

/** Sends the PATCH and completes the pending row. `landed` is Flex's customer when the change is in Flex. */
export async function sendPatch(p: Pending): Promise<{ result: SaveResult; landed: Customer | null }> {
  const upstream: UpstreamMeta = {};
  try {
    const answer = await p.flex.updateCustomer(p.change.customerId, p.change.patch, upstream);
    // The record as Flex sent it rides along for "As Flex returned it".
    const saved: Customer = { ...answer, raw: upstream.raw };
    return {
      result: await landed(p, saved, false, { status: upstream.status, requestId: upstream.requestId }),
      landed: saved,
    };
  } catch (e) {
    if (!(e instanceof FlexError)) {
      await complete(p, { outcome: 'unknown', detail: 'internal error during save' });
      throw e;
    }
    return failed(p, e);
  }
}

async function failed(p: Pending, e: FlexError): Promise<{ result: SaveResult; landed: Customer | null }> {
  const meta = { status: e.status, requestId: e.requestId };
  const says = failureSays(e);
  if (says !== 'ask_flex') {
    const refusedValue = says === 'refused' && e.status === 400;
    const entry = await complete(p, {
      ...meta,
      outcome: refusedValue ? 'rejected' : 'upstream_error',
      detail: e.message,
    });
    return { result: { ...(refusedValue ? flexRefusedValue(e) : failureResult(e)), entry }, landed: null };
  }
  // The outcome is unknown (timeout, broken connection, 5xx): read the customer again to find out.
  let after: Customer | undefined;
  try {
    after = await p.flex.getCustomer(p.change.customerId);
  } catch {
    after = undefined;
  }
  const landing: Landing | 'unreadable' = after
    ? landingOf(editableFields(after), p.change.base, p.change.patch)
    : 'unreadable';
  const verdict = verdictAfterReread(e, landing);
  if (verdict.landed && after)
    return { result: await landed(p, after, true, { ...meta, detail: verdict.detail }), landed: after };
  const entry = await complete(p, { ...meta, outcome: verdict.audit, detail: verdict.detail });
  const failure: Failure = notLandedResult(
    e,
    verdict.landed === false ? false : null,
    landing === 'not_landed',
  );
  return { result: { ...failure, entry }, landed: null };
}

async function landed(
  p: Pending,
  customer: Customer,
  recovered: boolean,
  meta: Omit<Completion, 'outcome'>,
): Promise<SaveResult> {
  const differences = postSaveDifferences(p.change.patch, editableFields(customer));
  const detail =
    meta.detail ??
    (differences.length
      ? `Flex stored differently: ${differences.map((d) => d.path).join(', ')}`
      : undefined);
  // The index takes Flex's answer while the completion is written: one wait, not two.
  const [entry] = await Promise.all([
    complete(p, { ...meta, outcome: 'success', detail }),
    indexLanded(customer),
  ]);
  return ok({
    kind: 'saved',
    customer,
    changed: changedFields(p.change.patch),
    differences,
    message: savedMessage(differences, recovered),
    recovered,
    auditId: p.pendingId,
    entry,
  });
}

async function complete(p: Pending, c: Completion) {
  const full = { ...c, durationMs: Math.round(performance.now() - p.started) };
  await auditCompletion(p.change, p.testMode, p.pendingId, full);
  return historyEntry(p.change, p.testMode, p.pendingId, full);
}
