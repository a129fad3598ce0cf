// Facts about the incoming request that the audit trail and the session cookie need.
import 'server-only';
import { headers } from 'next/headers';
import { ulid } from 'ulid';
import type { RequestMeta } from '@/lib/audit/audit';
import { getConfig } from '@/lib/config';
import { clientOf, compileTrust, type Client, type Trust } from '@/lib/net/client-address';
import { PEER_HEADER, readPeer } from '@/lib/net/peer';

// A compiled form of the configuration, not state servers must agree on.
let trust: Trust | undefined;

/** The client's address and protocol, believing forwarding headers only from TRUSTED_PROXIES. */
export async function clientInfo(): Promise<Client> {
  const h = await headers();
  trust ??= compileTrust(getConfig().trustedProxies);
  return clientOf(readPeer(h.get(PEER_HEADER)), h, trust);
}

export async function requestInfo(): Promise<RequestMeta> {
  const h = await headers();
  return {
    requestId: h.get('x-desk-request-id') ?? `req_${ulid()}`,
    ip: (await clientInfo()).ip,
    userAgent: h.get('user-agent'),
  };
}

/** HTTPS as the desk can know it: a TLS socket, or X-Forwarded-Proto from a trusted proxy. */
export async function isHttps(): Promise<boolean> {
  return (await clientInfo()).proto === 'https';
}

/**
 * Server actions are public endpoints: refuse any call that is not from our own pages. Next checks Origin
 * against Host; this also refuses a missing or `null` Origin unless the browser says the call is same-origin.
 */
export async function sameOriginRequest(): Promise<boolean> {
  const h = await headers();
  const origin = h.get('origin');
  const host = h.get('x-forwarded-host') ?? h.get('host');
  const site = h.get('sec-fetch-site');
  if (origin && origin !== 'null') {
    try {
      return new URL(origin).host === host && (site === null || site === 'same-origin');
    } catch {
      return false;
    }
  }
  return false;
}
