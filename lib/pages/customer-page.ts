// What the customer page needs, read in as few waits as possible: the live customer from Flex and its
// History from the database at the same time, then the address label laid out here (no I/O).
import 'server-only';
import { customerHistory } from '@/lib/audit/query';
import { labelLines, loadAddressFormatter, type KnownLabel } from '@/lib/customers/address-label';
import { displayName } from '@/lib/customers/format';
import { historyEntryOf, type HistoryEntry } from '@/lib/customers/history';
import type { Customer } from '@/lib/customers/types';
import type { UpstreamMeta } from '@/lib/flex/client';
import { tryFlex, type FlexResult } from '@/lib/flex/errors';
import { flex } from '@/lib/flex/flex';

export type CustomerPageData =
  | { ok: true; customer: Customer; history: HistoryEntry[]; label: KnownLabel | null }
  | { ok: false; failure: Extract<FlexResult<Customer>, { ok: false }>['failure'] };

export async function loadCustomerPage(id: string, client = flex()): Promise<CustomerPageData> {
  const meta: UpstreamMeta = {};
  const [read, history] = await Promise.all([
    tryFlex(async () => ({ ...(await client.getCustomer(id, meta)), raw: meta.raw })),
    customerHistory(id),
  ]);
  if (!read.ok) return read;
  return {
    ok: true,
    customer: read.value,
    history: history.map(historyEntryOf),
    label: await serverLabel(read.value),
  };
}

/** The customer's address label, laid out here so the browser need not fetch the formatter to show it. */
async function serverLabel(c: Customer): Promise<KnownLabel | null> {
  if (!c.shipping) return null;
  const recipient = displayName({ first_name: c.first_name, last_name: c.last_name, email: '' });
  try {
    return {
      recipient,
      address: c.shipping,
      lines: labelLines(await loadAddressFormatter(), recipient, c.shipping),
    };
  } catch {
    return null; // the browser lays it out instead
  }
}
