'use server';
// Server actions of the customer page. Each is a public endpoint: authAction checks origin, session and
// permission before the body runs; the body re-validates everything it is given.
import { authAction } from '@/lib/auth/guard';
import { requestInfo } from '@/lib/auth/request';
import type { Staff } from '@/lib/auth/staff';
import { getConfig } from '@/lib/config';
import { ok, type ActionResult } from '@/lib/customers/action-result';
import type { SaveResult } from '@/lib/customers/save-result';
import { isCustomerId, type Customer } from '@/lib/customers/types';
import { saveCustomerEdit, type EditContext } from '@/lib/edits/edit';
import { NOT_A_CUSTOMER_ID, failureResult } from '@/lib/edits/results';
import { revertCustomerChange } from '@/lib/edits/revert';
import type { UpstreamMeta } from '@/lib/flex/client';
import { FlexError } from '@/lib/flex/errors';
import { flex } from '@/lib/flex/flex';

/** The customer a save or revert is aimed at, read from its raw input: a refusal is audited on it. */
function targetOf(input: unknown): string | null {
  const id = (input as { id?: unknown } | null)?.id;
  return isCustomerId(id) ? id : null;
}

export const saveCustomer = authAction(
  'customer.edit',
  async (staff, input: unknown): Promise<SaveResult> => {
    return saveCustomerEdit(await editContext(staff), input);
  },
  { customerOf: targetOf },
);

/** Revert (or undo) one saved change from the customer's History. */
export const revertChange = authAction(
  'customer.edit',
  async (staff, input: unknown): Promise<SaveResult> => {
    return revertCustomerChange(await editContext(staff), input);
  },
  { customerOf: targetOf },
);

async function editContext(staff: Staff): Promise<EditContext> {
  return { staff, request: await requestInfo(), reasonRequired: getConfig().editReasonRequired };
}

export const fetchCustomer = authAction(
  'customer.read',
  async (_staff, id: unknown): Promise<ActionResult<Customer>> => {
    if (!isCustomerId(id)) return NOT_A_CUSTOMER_ID;
    try {
      const meta: UpstreamMeta = {};
      const c = await flex().getCustomer(id, meta);
      return ok({ ...c, raw: meta.raw });
    } catch (e) {
      if (e instanceof FlexError) return failureResult(e);
      throw e;
    }
  },
);
