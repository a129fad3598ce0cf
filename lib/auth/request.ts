// Facts about the incoming request that the audit trail and the session cookie need.
import 'server-only';
import { headers } from 'next/headers';
import { ulid } from 'ulid';
import type { RequestMeta } from '@/lib/audit/audit';

export async function requestInfo(): Promise<RequestMeta> {
  const h = await headers();
  const forwarded = h.get('x-forwarded-for')?.split(',')[0]?.trim();
  return {
    requestId: h.get('x-desk-request-id') ?? `req_${ulid()}`,
    ip: forwarded || h.get('x-real-ip') || null,
    userAgent: h.get('user-agent'),
  };
}

export async function isHttps(): Promise<boolean> {
  const h = await headers();
  return h.get('x-forwarded-proto') === 'https';
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
