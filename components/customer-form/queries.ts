// Query key factories shared by the page's hydration and its components.
import { queryOptions } from '@tanstack/react-query';
import { fetchCustomer, fetchHistory } from '@/app/customers/[id]/actions';
import type { Customer } from '@/lib/customers/types';

export class FetchError extends Error {}

export const customerQuery = (id: string) =>
  queryOptions({
    queryKey: ['customer', id] as const,
    // Long enough that hydrated data is not refetched at once; short enough that coming back to the tab
    // after a few seconds checks Flex for changes made meanwhile.
    staleTime: 5_000,
    queryFn: async (): Promise<Customer> => {
      const r = await fetchCustomer(id);
      if (!('ok' in r) || !r.ok) throw new FetchError('Could not refresh the customer from Flex.');
      if (!('value' in r)) throw new FetchError('Could not refresh the customer from Flex.');
      return r.value;
    },
  });

export const historyQuery = (id: string) =>
  queryOptions({
    queryKey: ['history', id] as const,
    queryFn: async () => {
      const r = await fetchHistory(id);
      if (!Array.isArray(r)) throw new FetchError(r.message);
      return r;
    },
    refetchOnWindowFocus: false,
  });
