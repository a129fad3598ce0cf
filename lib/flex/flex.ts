// The app's Flex client, configured from lib/config (the only reader of the key).
import 'server-only';
import { getConfig } from '@/lib/config';
import { createFlexClient, type FlexClient } from './client';

let client: FlexClient | undefined;

export function flex(): FlexClient {
  if (!client) {
    const { baseUrl, apiKey, timeoutMs } = getConfig().flex;
    client = createFlexClient({ baseUrl, apiKey, timeoutMs });
  }
  return client;
}

/** The finder's page of customers. Writes have no wrapper here: they go through lib/edits only. */
export const listCustomers = (params?: Parameters<FlexClient['listCustomers']>[0]) =>
  flex().listCustomers(params);
