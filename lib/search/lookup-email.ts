// The exact-email lookup shared by the finder page and its action. Not an action itself: a function
// exported from a 'use server' file is a public endpoint, and this one checks no caller.
import 'server-only';
import type { Customer } from '@/lib/customers/types';
import { tryFlex, type FlexResult } from '@/lib/flex/errors';
import { flex } from '@/lib/flex/flex';

/** Exact match through Flex's email filter, tried as typed and then in lower case. */
export async function lookupEmail(email: string): Promise<FlexResult<Customer[]>> {
  const first = await tryFlex(() => flex().listCustomers({ email, limit: 100 }));
  if (!first.ok || first.value.length > 0 || email === email.toLowerCase()) return first;
  return tryFlex(() => flex().listCustomers({ email: email.toLowerCase(), limit: 100 }));
}
