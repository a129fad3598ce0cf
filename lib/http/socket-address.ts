// The address of the TCP peer that sent a request, as the custom server (scripts/serve.ts) saw it on the
// socket. The server writes it into the `x-desk-socket-address` request header, always replacing whatever a
// client sent, and marks the process; without that mark (the app run by plain `next start`) the header could
// come from anyone, so it is not believed. Forwarding headers (X-Forwarded-For) are another matter: whether
// to trust them depends on this address (TRUSTED_PROXIES, lib/auth).
export const SOCKET_ADDRESS_HEADER = 'x-desk-socket-address';

const g = globalThis as unknown as { __deskCustomServer?: boolean };

/** Called once by the custom server before it serves: from then on the header is its own. */
export function markCustomServer(): void {
  g.__deskCustomServer = true;
}

/** `::ffff:127.0.0.1` → `127.0.0.1`; other addresses as they are. */
export function normaliseAddress(address: string | undefined | null): string | null {
  if (!address) return null;
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1]! : address;
}

/** The socket address of this request, or null when no custom server set it. */
export function socketAddressOf(headers: { get(name: string): string | null }): string | null {
  if (!g.__deskCustomServer) return null;
  return normaliseAddress(headers.get(SOCKET_ADDRESS_HEADER));
}

export function isLoopback(address: string | null): boolean {
  return !!address && (/^127\.\d+\.\d+\.\d+$/.test(address) || address === '::1');
}
