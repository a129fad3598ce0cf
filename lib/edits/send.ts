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

/**
 * What sending answered. `landed` is Flex's customer when the change is in Flex; then `finish` writes the
 * completion row and the index (the answer already holds both as History and "As Flex returned it" show
 * them), for the caller to run before or after answering, still under the customer's lock.
 */
export type Sent = { result: SaveResult; landed: Customer | null; finish?: () => Promise<void> };

/** Sends the PATCH and decides its outcome; a failure's completion row is written before answering. */
export async function sendPatch(p: Pending): Promise<Sent> {
  const upstream: UpstreamMeta = {};
  try {
    const answer = await p.flex.updateCustomer(p.change.customerId, p.change.patch, upstream);
    // The record as Flex sent it rides along for "As Flex returned it".
    const saved: Customer = { ...answer, raw: upstream.raw };
    return landed(p, saved, false, { status: upstream.status, requestId: upstream.requestId });
  } catch (e) {
    if (!(e instanceof FlexError)) {
      await complete(p, { outcome: 'unknown', detail: 'internal error during save' });
      throw e;
    }
    return failed(p, e);
  }
}

async function failed(p: Pending, e: FlexError): Promise<Sent> {
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
  if (verdict.landed && after) return landed(p, after, true, { ...meta, detail: verdict.detail });
  const entry = await complete(p, { ...meta, outcome: verdict.audit, detail: verdict.detail });
  const failure: Failure = notLandedResult(
    e,
    verdict.landed === false ? false : null,
    landing === 'not_landed',
  );
  return { result: { ...failure, entry }, landed: null };
}

function landed(p: Pending, customer: Customer, recovered: boolean, meta: Omit<Completion, 'outcome'>): Sent {
  const differences = postSaveDifferences(p.change.patch, editableFields(customer));
  const detail =
    meta.detail ??
    (differences.length
      ? `Flex stored differently: ${differences.map((d) => d.path).join(', ')}`
      : undefined);
  const full = { ...meta, outcome: 'success' as const, detail, durationMs: sinceStart(p) };
  const result = ok({
    kind: 'saved' as const,
    customer,
    changed: changedFields(p.change.patch),
    differences,
    message: savedMessage(differences, recovered),
    recovered,
    auditId: p.pendingId,
    entry: historyEntry(p.change, p.pendingId, full),
  });
  // The index takes Flex's answer while the completion is written: one wait, not two.
  const finish = async () => {
    await Promise.all([auditCompletion(p.change, p.testMode, p.pendingId, full), indexLanded(customer)]);
  };
  return { result, landed: customer, finish };
}

const sinceStart = (p: Pending) => Math.round(performance.now() - p.started);

async function complete(p: Pending, c: Completion) {
  const full = { ...c, durationMs: sinceStart(p) };
  await auditCompletion(p.change, p.testMode, p.pendingId, full);
  return historyEntry(p.change, p.pendingId, full);
}
