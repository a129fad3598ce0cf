'use server';
// Server actions of the customer page. Each is a public endpoint: authAction checks origin, session and
// permission before the body runs; the body re-validates everything it is given.
import { authAction } from '@/lib/auth/guard';
import { requestInfo } from '@/lib/auth/request';
import type { SaveResult } from '@/lib/customers/save-result';
import { isCustomerId, type Customer } from '@/lib/customers/types';
import { customerHistory } from '@/lib/audit/query';
import type { AuditEntry } from '@/lib/customers/history';
import { saveCustomerEdit, type SaveContext } from '@/lib/edits/save-customer';
import { revertCustomerChange } from '@/lib/edits/revert-change';
import type { Staff } from '@/lib/auth/staff';
import { getConfig } from '@/lib/config';
import { tryFlex, type FlexResult } from '@/lib/flex/errors';
import type { UpstreamMeta } from '@/lib/flex/client';
import { flex } from '@/lib/flex/flex';

export const saveCustomer = authAction(
  'customer.read',
  async (staff, input: unknown): Promise<SaveResult> => {
    return saveCustomerEdit(await saveContext(staff), input);
  },
);

/** Revert (or undo) one saved change from the customer's History. */
export const revertChange = authAction(
  'customer.read',
  async (staff, input: unknown): Promise<SaveResult> => {
    return revertCustomerChange(await saveContext(staff), input);
  },
);

async function saveContext(staff: Staff): Promise<SaveContext> {
  return {
    staff,
    request: await requestInfo(),
    flex: flex(),
    reasonRequired: getConfig().editReasonRequired,
  };
}

export const fetchCustomer = authAction(
  'customer.read',
  async (_staff, id: unknown): Promise<FlexResult<Customer>> => {
    if (!isCustomerId(id))
      return { ok: false, failure: { kind: 'invalid_id', status: undefined, retryAfter: undefined } };
    return tryFlex(async () => {
      const meta: UpstreamMeta = {};
      const c = await flex().getCustomer(id, meta);
      return { ...c, raw: meta.raw };
    });
  },
);

export const fetchHistory = authAction(
  'customer.read',
  async (_staff, id: unknown): Promise<AuditEntry[]> => {
    if (!isCustomerId(id)) return [];
    return customerHistory(id);
  },
);
