// The app's Flex client, configured from lib/config (the only reader of the key).
import 'server-only';
import { getConfig } from '@/lib/config';
import { createFlexClient, type FlexClient, type UpstreamMeta } from './client';

let client: FlexClient | undefined;

export function flex(): FlexClient {
  if (!client) {
    const { baseUrl, apiKey, timeoutMs } = getConfig().flex;
    client = createFlexClient({ baseUrl, apiKey, timeoutMs });
  }
  return client;
}

let background: FlexClient | undefined;

/**
 * The client of background work that paces itself (lib/pacing): one attempt per call, so every request,
 * a retry included, waits for its slot, and a 429 reaches the pacer instead of being retried here.
 */
export function backgroundFlex(): FlexClient {
  if (!background) {
    const { baseUrl, apiKey, timeoutMs } = getConfig().flex;
    background = createFlexClient({ baseUrl, apiKey, timeoutMs, maxAttempts: 1 });
  }
  return background;
}

export const getCustomer = (id: string, meta?: UpstreamMeta) => flex().getCustomer(id, meta);
export const listCustomers = (params?: Parameters<FlexClient['listCustomers']>[0]) =>
  flex().listCustomers(params);
export const createCustomer = (fields: Parameters<FlexClient['createCustomer']>[0]) =>
  flex().createCustomer(fields);
export const updateCustomer = (
  id: string,
  patch: Parameters<FlexClient['updateCustomer']>[1],
  meta?: UpstreamMeta,
) => flex().updateCustomer(id, patch, meta);
