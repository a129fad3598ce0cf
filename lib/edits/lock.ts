// The one name of a customer's write lock: every write to a customer, from any server, holds it.
import 'server-only';
import { withAdvisoryLock } from '@/lib/db/lock';

export function customerLockName(customerId: string): string {
  return `customer:${customerId}`;
}

/** Runs `fn` holding the customer's lock; `onBusy()` when another save held it past the wait limit. */
export function withCustomerLock<T>(customerId: string, fn: () => Promise<T>, onBusy: () => T): Promise<T> {
  return withAdvisoryLock(customerLockName(customerId), fn, onBusy);
}
