// The address of whoever opened the TCP connection, carried from the Node HTTP server to the app's code.
// Next gives route handlers and actions no socket: it only fills `X-Forwarded-For` with the socket address
// when the client sent none, so a forged header hides the real peer. The server stamps every request with
// the socket address and a per-process secret before Next sees it; a client cannot forge the stamp, since it
// does not know the secret (and the stamp it sent is replaced).
import crypto from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

export const PEER_HEADER = 'x-desk-peer';

// Per process, on globalThis: the instrumentation bundle and the route bundles are separate module graphs.
const g = globalThis as unknown as { __deskPeerSecret?: string };

function secret(): string {
  g.__deskPeerSecret ??= crypto.randomBytes(18).toString('base64url');
  return g.__deskPeerSecret;
}

/**
 * Replaces whatever the client sent as the stamp with the real one: "<secret> <address> <http|https>".
 * A custom server in front of Next calls this first thing in its request handler.
 */
export function stampPeer(req: IncomingMessage): void {
  const socket = req.socket as Partial<TLSSocket> | undefined;
  const address = socket?.remoteAddress ?? '';
  const proto = socket?.encrypted ? 'https' : 'http';
  req.headers[PEER_HEADER] = address ? `${secret()} ${address} ${proto}` : '';
}

/**
 * For `next start`, whose server we do not create: stamps every request of every HTTP server in this process
 * as it is emitted, before Next's listener runs. Called once from instrumentation.ts. Requests that arrive
 * before it (the first milliseconds of start-up) carry no valid stamp and are treated as from an unknown peer.
 */
export function stampEveryRequest(): void {
  const marked = http.Server.prototype as unknown as { __deskStamped?: boolean };
  if (marked.__deskStamped) return;
  marked.__deskStamped = true;
  const emit = http.Server.prototype.emit;
  const original = emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') stampPeer(args[0] as IncomingMessage);
    return original.call(this, event, ...args);
  } as typeof emit;
}

export type Peer = { address: string; proto: 'http' | 'https' };

/** The stamped peer of a request, or null when the stamp is missing or not this process's. */
export function readPeer(value: string | null | undefined): Peer | null {
  if (!value) return null;
  const [key, address, proto] = value.split(' ');
  if (!key || !address || key.length !== secret().length) return null;
  if (!crypto.timingSafeEqual(Buffer.from(key), Buffer.from(secret()))) return null;
  return { address, proto: proto === 'https' ? 'https' : 'http' };
}
