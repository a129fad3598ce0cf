// After a change landed: the customer index gets Flex's answer and every open page of the customer hears
// of it. Neither may fail a save that Flex has already applied: a failure is logged and left to the sync.
import 'server-only';
import type { Staff } from '@/lib/auth/staff';
import type { PatchField } from '@/lib/customers/patch';
import type { Customer } from '@/lib/customers/types';
import { publishCustomerChanged } from '@/lib/live/publish';
import { log } from '@/lib/log/logger';
import { indexCustomers } from '@/lib/search/index-store';

export async function indexLanded(customer: Customer): Promise<void> {
  try {
    await indexCustomers([customer]);
  } catch (e) {
    log.error({ err: errText(e), customer: customer.customer_id }, 'customer index not updated after a save');
  }
}

export async function announceLanded(
  customerId: string,
  fields: PatchField[],
  by: Staff,
  changeId: number,
): Promise<void> {
  try {
    await publishCustomerChanged({
      customerId,
      fields,
      changeId,
      by: { name: by.displayName, role: by.role },
      source: 'desk',
      at: new Date().toISOString(),
    });
  } catch (e) {
    log.error({ err: errText(e), customer: customerId }, 'change notice not published after a save');
  }
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
