'use server';
// Server actions of the customer page. Each is a public endpoint: authAction checks origin, session and
// permission before the body runs; the body re-validates everything it is given.
import { authAction } from '@/lib/auth/guard';
import { requestInfo } from '@/lib/auth/request';
import type { SaveResult } from '@/lib/customers/save-result';
import { isCustomerId, type Customer } from '@/lib/customers/types';
import { customerHistory } from '@/lib/audit/query';
import type { AuditEntry } from '@/lib/customers/history';
import { saveCustomerEdit } from '@/lib/edits/save-customer';
import { tryFlex, type FlexResult } from '@/lib/flex/errors';
import { flex } from '@/lib/flex/flex';

export const saveCustomer = authAction(
  'customer.read',
  async (staff, input: unknown): Promise<SaveResult> => {
    return saveCustomerEdit({ staff, request: await requestInfo(), flex: flex() }, input);
  },
);

export const fetchCustomer = authAction(
  'customer.read',
  async (_staff, id: unknown): Promise<FlexResult<Customer>> => {
    if (!isCustomerId(id))
      return { ok: false, failure: { kind: 'invalid_id', status: undefined, retryAfter: undefined } };
    return tryFlex(() => flex().getCustomer(id));
  },
);

export const fetchHistory = authAction(
  'customer.read',
  async (_staff, id: unknown): Promise<AuditEntry[]> => {
    if (!isCustomerId(id)) return [];
    return customerHistory(id);
  },
);
