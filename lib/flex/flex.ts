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

/** The finder's page of customers. Writes have no wrapper here: they go through lib/edits only. */
export const listCustomers = (params?: Parameters<FlexClient['listCustomers']>[0]) =>
  flex().listCustomers(params);
