// For tests at the action layer: the sandbox in-process over real HTTP, and the app's own Flex client
// pointed at it, quiet.
import { createFlexClient, type FlexClient } from '@/lib/flex/client';
import { startSandbox, type Sandbox } from '@/lib/flex-sandbox/server';

export function quietClient(baseUrl: string, apiKey: string, timeoutMs = 5000): FlexClient {
  return createFlexClient({ baseUrl, apiKey, timeoutMs, logger: { info: () => {}, warn: () => {} } });
}

export async function sandboxWithClient(key: string): Promise<{ sb: Sandbox; flex: FlexClient }> {
  const sb = await startSandbox({ dataDir: ':memory:', keys: [key], rate: 1_000_000 });
  return { sb, flex: quietClient(`${sb.url}/v1`, key) };
}
